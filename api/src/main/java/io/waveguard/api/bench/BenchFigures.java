package io.waveguard.api.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one bench run, by the names bench.json gives them, in the order measured. */
public final class BenchFigures {

  public static final String TRUST_RECOMPUTE = "trust_recompute_100k_s";
  public static final String GATE = "gate_10k_s";
  public static final String INGEST = "ingest_samples_per_s";
  public static final String START_P50 = "start_p50_ms";
  public static final String START_P99 = "start_p99_ms";
  public static final String CONCURRENT_START_P99 = "concurrent_start_p99_ms";
  public static final String RELEASES_FINISHED = "releases_500_finished";
  public static final String RELEASES_MINUTES = "releases_500_minutes";
  public static final String PLANNER = "planner_100k_s";
  public static final String WORKER_HEAP = "worker_heap_mib";

  /** Every figure a run reports; bench.json holds exactly these. */
  public static final List<String> NAMES =
      List.of(
          TRUST_RECOMPUTE,
          GATE,
          INGEST,
          START_P50,
          START_P99,
          CONCURRENT_START_P99,
          RELEASES_FINISHED,
          RELEASES_MINUTES,
          PLANNER,
          WORKER_HEAP);

  private final Map<String, Double> figures = new LinkedHashMap<>();
  private final PrintStream out;

  public BenchFigures(PrintStream out) {
    this.out = out;
  }

  /** Records a figure and prints it at once, so a run cut short still shows what it measured. */
  public void put(String name, double value, String what) {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("not a bench figure: " + name);
    }
    figures.put(name, value);
    out.printf(Locale.ROOT, "FIGURE %-24s %12.3f   %s%n", name, value, what);
  }

  public Map<String, Double> asMap() {
    return Collections.unmodifiableMap(figures);
  }

  /** Prints the table of every figure and writes {@code dir/bench.json}. */
  public Path write(Path dir) throws IOException {
    out.println();
    out.println("figure                          value");
    for (String name : NAMES) {
      Double value = figures.get(name);
      out.printf(
          Locale.ROOT,
          "%-24s %12s%n",
          name,
          value == null ? "not measured" : String.format(Locale.ROOT, "%.3f", value));
    }
    Files.createDirectories(dir);
    Path file = dir.resolve("bench.json");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("figures", figures);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), body);
    out.println("wrote " + file);
    return file;
  }
}
