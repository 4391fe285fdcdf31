package io.waveguard.simulation;

import io.waveguard.simulation.report.CellAggregator;
import io.waveguard.simulation.report.CellSummary;
import io.waveguard.simulation.report.Charts;
import io.waveguard.simulation.report.ResultsCsv;
import io.waveguard.simulation.report.ResultsJson;
import io.waveguard.simulation.report.ResultsTable;
import io.waveguard.simulation.scenario.Scenario;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Summarises a run and writes its table, results.json, results.csv and PNG charts. */
public final class SimulationReport {

  private final Scenario scenario;
  private final List<CellSummary> cells;

  private SimulationReport(Scenario scenario, List<CellSummary> cells) {
    this.scenario = scenario;
    this.cells = List.copyOf(cells);
  }

  public static SimulationReport of(Scenario scenario, List<CellRuns> runs) {
    // Cells are independent and each bootstrap is seeded, so the parallel stream changes nothing.
    return new SimulationReport(
        scenario, runs.parallelStream().map(CellAggregator::summarize).toList());
  }

  public List<CellSummary> cells() {
    return cells;
  }

  public String table() {
    return ResultsTable.render(cells);
  }

  /** Writes results.json, results.csv and the charts into {@code dir}; returns the files. */
  public List<Path> write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path json = dir.resolve("results.json");
    Path csv = dir.resolve("results.csv");
    ResultsJson.write(scenario, cells, json);
    ResultsCsv.write(cells, csv);
    List<Path> charts = Charts.write(cells, dir);
    return java.util.stream.Stream.concat(List.of(json, csv).stream(), charts.stream()).toList();
  }

  /** Prints the table to {@code out}. */
  public void print(PrintStream out) {
    out.print(table());
    out.flush();
  }
}
