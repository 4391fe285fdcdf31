package io.waveguard.simulation;

import io.waveguard.simulation.report.ProgressBar;
import io.waveguard.simulation.scenario.Scenario;
import io.waveguard.simulation.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@code waveguard simulate} does: load a scenario, run it with a progress bar on stderr,
 * print the table per cell on stdout and write results.json, results.csv and the charts.
 */
public final class Simulate {

  /** Where the shipped scenario lives in a checkout. */
  public static final Path DEFAULT_SCENARIO = Path.of("simulation", "scenarios", "paper.yaml");

  /** Where results go unless --out says otherwise. */
  public static final Path DEFAULT_OUT = Path.of("target", "simulation");

  /**
   * @param scenario the scenario file; null for the shipped paper scenario
   * @param seeds overrides the scenario's seeds; null keeps them
   * @param out the results directory; null for {@link #DEFAULT_OUT}
   * @param threads worker threads; 0 for one per processor
   */
  public record Request(Path scenario, Integer seeds, Path out, int threads) {}

  private Simulate() {}

  /**
   * The frontier sweep ({@link Sweep}): the scenario at each strictness level, written as
   * frontier.csv and one chart per fault magnitude.
   */
  public static List<Sweep.Point> sweep(
      Request request, List<Double> strictness, PrintStream out, PrintStream err)
      throws IOException {
    Scenario scenario = load(request.scenario());
    if (request.seeds() != null) {
      scenario = scenario.withSeeds(request.seeds());
    }
    int threads =
        request.threads() > 0 ? request.threads() : Runtime.getRuntime().availableProcessors();
    Path dir = request.out() == null ? DEFAULT_OUT : request.out();
    return Sweep.run(scenario, strictness, threads, out, err, dir);
  }

  /** "0.5,1,2" → [0.5, 1.0, 2.0]; every level must be a number > 0. */
  public static List<Double> strictnessLevels(String list) {
    List<Double> levels = new java.util.ArrayList<>();
    for (String part : list.split(",")) {
      double k;
      try {
        k = Double.parseDouble(part.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--sweep: '" + part.trim() + "' is not a number");
      }
      if (!(k > 0) || Double.isInfinite(k)) {
        throw new IllegalArgumentException("--sweep: every strictness level must be > 0");
      }
      levels.add(k);
    }
    return levels;
  }

  public static Report run(Request request, PrintStream out, PrintStream err) throws IOException {
    Scenario scenario = load(request.scenario());
    if (request.seeds() != null) {
      if (request.seeds() < 1) {
        throw new IllegalArgumentException("--seeds must be at least 1");
      }
      scenario = scenario.withSeeds(request.seeds());
    }
    Path dir = request.out() == null ? DEFAULT_OUT : request.out();
    err.printf(
        Locale.ROOT,
        "simulating %s: %d cells × %d strategies × %d seeds × %d releases%n",
        scenario.name(),
        scenario.rhos().size() * scenario.faultMagnitudes().size(),
        scenario.strategies().size(),
        scenario.seeds(),
        scenario.releasesPerSeed());
    int threads =
        request.threads() > 0 ? request.threads() : Runtime.getRuntime().availableProcessors();
    long started = System.nanoTime();
    List<CellRuns> runs = new SimulationRunner(threads, new ProgressBar(err)).run(scenario);
    double seconds = (System.nanoTime() - started) / 1e9;
    SimulationReport report = SimulationReport.of(scenario, runs);
    report.print(out);
    List<Path> files = report.write(dir);
    err.printf(
        Locale.ROOT,
        "%,d releases simulated in %.1f s; wrote %d files to %s%n",
        SimulationRunner.totalReleases(scenario),
        seconds,
        files.size(),
        dir.toAbsolutePath().normalize());
    return new Report(scenario, report, files);
  }

  /** What a run produced. */
  public record Report(Scenario scenario, SimulationReport report, List<Path> files) {}

  /**
   * The scenario at {@code path}; a bare file name not found on disk is looked up among the shipped
   * scenarios; null means the shipped paper scenario, from the checkout or the classpath.
   */
  public static Scenario load(Path path) {
    ScenarioLoader loader = new ScenarioLoader();
    if (path == null) {
      return Files.isRegularFile(DEFAULT_SCENARIO)
          ? loader.load(DEFAULT_SCENARIO)
          : loader.loadResource(ScenarioLoader.PAPER);
    }
    if (Files.isRegularFile(path)) {
      return loader.load(path);
    }
    String shipped = "scenarios/" + path.getFileName();
    if (path.getNameCount() == 1 && Simulate.class.getResource("/" + shipped) != null) {
      return loader.loadResource(shipped);
    }
    throw new IllegalArgumentException("no scenario file " + path.toAbsolutePath().normalize());
  }
}
