package io.waveguard.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `waveguard simulate tiny.yaml --seeds 2 --out DIR` does, end to end. */
class SimulateEndToEndTest {

  @TempDir Path out;

  @Test
  void writesTheTableJsonCsvAndCharts() throws Exception {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    Simulate.run(
        new Simulate.Request(Path.of("src/test/resources/scenarios/tiny.yaml"), 2, out, 2),
        new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));

    String table = stdout.toString(StandardCharsets.UTF_8);
    assertThat(table).contains("tiny · rho = 0.0 · r = 1.0", "trust-weighted", "oracle floor");
    assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("100%", "releases simulated");
    assertThat(out.resolve("results.csv")).exists();
    assertThat(Files.readAllLines(out.resolve("results.csv")))
        .hasSize(1 + 2 * 8)
        .first()
        .asString()
        .startsWith("scenario,rho,fault_magnitude,strategy");
    try (var pngs = Files.list(out)) {
      List<String> charts =
          pngs.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).toList();
      assertThat(charts)
          .contains(
              "exposure-vs-time-rho_0.png",
              "tier-exposure-rho_0-r_1.png",
              "tier-exposure-rho_0-r_10.png");
    }
    JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    JsonNode cell = json.get("cells").get(0);
    assertThat(cell.get("scenario").asText()).isEqualTo("tiny");
    assertThat(cell.get("rho").isNumber()).isTrue();
    assertThat(cell.get("faultMagnitude").asDouble()).isEqualTo(1.0);
    JsonNode trust = cell.get("strategies").get(3);
    assertThat(trust.get("name").asText()).isEqualTo("trust-weighted");
    JsonNode faulty = trust.get("faulty");
    for (String rate :
        List.of(
            "highTierExposure",
            "safetyCriticalTouchedRate",
            "highTierTargetsTouched",
            "escapeRate")) {
      assertThat(faulty.get(rate).get("mean").isNumber()).as(rate).isTrue();
      assertThat(faulty.get(rate).get("ci95")).as(rate).hasSize(2);
    }
    assertThat(faulty.get("timeToDetectMinutes").has("median")).isTrue();
    assertThat(faulty.get("timeToDetectMinutes").has("p95")).isTrue();
    JsonNode rollout = trust.get("good").get("timeToFullRolloutMinutes");
    for (String field : List.of("median", "p90", "mean")) {
      assertThat(rollout.has(field)).as(field).isTrue();
    }
    assertThat(rollout.get("ci95")).hasSize(2);
    assertThat(trust.get("good").get("falseRollbackRate").get("ci95")).hasSize(2);
    assertThat(cell.get("oracle").get("highTierExposure").get("mean").isNumber()).isTrue();
  }
}
