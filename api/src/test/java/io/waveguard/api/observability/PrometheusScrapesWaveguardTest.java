package io.waveguard.api.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waveguard.activities.telemetry.prometheus.PrometheusServer;
import io.waveguard.api.support.Eventually;
import io.waveguard.api.support.TestApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scrapes the admin port's {@code /prometheus}: the target is up and the last
 * scrape has no error, so the exposition parses. Skipped when no {@code prometheus} binary is
 * installed; CI installs the OS package.
 */
class PrometheusScrapesWaveguardTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void prometheusScrapesWaveguardWithoutErrors(@TempDir Path dir) throws Exception {
    Optional<Path> binary = PrometheusServer.binary();
    assumeTrue(
        binary.isPresent(),
        "no prometheus binary on the PATH (CI installs the OS package); scrape test skipped");
    int admin = TestApp.get().adminPort();
    String config =
        """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
        scrape_configs:
          - job_name: waveguard
            metrics_path: /prometheus
            static_configs:
              - targets: ["127.0.0.1:%d"]
        """
            .formatted(admin);
    try (PrometheusServer prometheus = PrometheusServer.start(binary.get(), dir, config)) {
      JsonNode target =
          Eventually.await(
              Duration.ofSeconds(30),
              () -> waveguardTarget(prometheus.baseUrl()),
              t -> t != null && "up".equals(t.path("health").asText()));
      assertThat(target.path("lastError").asText()).isEmpty();
      // The target page turns "up" before the scrape's samples are queryable: wait for them too.
      JsonNode up = firstResult(prometheus.baseUrl(), "up{job=\"waveguard\"}");
      assertThat(up.path("value").get(1).asText()).isEqualTo("1");
      JsonNode series =
          firstResult(
              prometheus.baseUrl(),
              "count({job=\"waveguard\",__name__=~\"temporal_.*|waveguard_.*\"})");
      assertThat(series.path("value").get(1).asDouble()).isPositive();
    }
  }

  /** The query's first series once it has one; the test fails when none comes within 30 s. */
  private static JsonNode firstResult(URI prometheus, String promql) {
    return Eventually.await(
            Duration.ofSeconds(30),
            () -> query(prometheus, promql).path("data").path("result"),
            result -> result.size() > 0)
        .get(0);
  }

  private static JsonNode waveguardTarget(URI prometheus) {
    JsonNode targets = get(prometheus.resolve("/api/v1/targets?state=active"));
    for (JsonNode t : targets.path("data").path("activeTargets")) {
      if ("waveguard".equals(t.path("labels").path("job").asText())) {
        return t;
      }
    }
    return null;
  }

  private static JsonNode query(URI prometheus, String promql) {
    return get(
        prometheus.resolve(
            "/api/v1/query?query="
                + java.net.URLEncoder.encode(promql, java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static JsonNode get(URI uri) {
    try {
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                  HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(answer.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
