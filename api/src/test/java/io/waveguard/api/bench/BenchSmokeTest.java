package io.waveguard.api.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waveguard.api.demo.TemporalChoice;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's smallest run, end to end: every figure measured and written to bench.json under its
 * name, as a finite number. Speed itself is never asserted (the bench is a program, run by hand).
 */
class BenchSmokeTest {

  @Test
  void writesEveryFigureByNameAsAFiniteNumber(@TempDir Path out) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Bench.run(
        new Bench.Options(BenchSizes.smoke(), TemporalChoice.EMBEDDED, out),
        new PrintStream(printed, true, StandardCharsets.UTF_8));

    JsonNode figures =
        new ObjectMapper().readTree(out.resolve("bench.json").toFile()).get("figures");
    List<String> names = new ArrayList<>();
    figures.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactlyInAnyOrderElementsOf(BenchFigures.NAMES);
    assertThat(BenchFigures.NAMES)
        .containsExactlyInAnyOrder(
            "trust_recompute_100k_s",
            "gate_10k_s",
            "ingest_samples_per_s",
            "start_p50_ms",
            "start_p99_ms",
            "concurrent_start_p99_ms",
            "releases_500_finished",
            "releases_500_minutes",
            "planner_100k_s",
            "worker_heap_mib");
    for (String name : names) {
      JsonNode value = figures.get(name);
      assertThat(value.isNumber()).as(name).isTrue();
      assertThat(Double.isFinite(value.asDouble())).as(name).isTrue();
    }
    // Every release of the smoke fleet ended, and the printout names every figure.
    assertThat(figures.get("releases_500_finished").asInt())
        .isEqualTo(BenchSizes.smoke().fleetReleases());
    String text = printed.toString(StandardCharsets.UTF_8);
    BenchFigures.NAMES.forEach(name -> assertThat(text).contains("FIGURE " + name));
  }
}
