package io.waveguard.api.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.waveguard.activities.observability.ReleaseMetrics;
import io.waveguard.api.config.ObservabilityConfiguration;
import io.waveguard.api.support.Eventually;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.Tier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With an OTLP endpoint configured, spans reach {@code /v1/traces} and the registry's meters {@code
 * /v1/metrics}, both as OTLP/HTTP protobuf with the configured headers; a loopback receiver plays
 * the collector.
 */
class OtlpExportTest {

  private record Received(String path, String contentType, String apiKey, int bytes) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private HttpServer collector;

  @BeforeEach
  void startCollector() throws Exception {
    collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    collector.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          received.add(
              new Received(
                  exchange.getRequestURI().getPath(),
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  exchange.getRequestHeaders().getFirst("api-key"),
                  body.length));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    collector.start();
  }

  @AfterEach
  void stopCollector() {
    collector.stop(0);
  }

  @Test
  void spansAndMetricsArePushedToTheConfiguredCollector() throws Exception {
    ObservabilityConfiguration config = new ObservabilityConfiguration();
    config.getOtlp().setEndpoint("http://127.0.0.1:" + collector.getAddress().getPort() + "/");
    config.getOtlp().setHeaders(Map.of("api-key", "k-123"));
    config.getOtlp().setMetricsInterval(io.dropwizard.util.Duration.seconds(1));
    Observability observability = Observability.create(config);

    observability.openTelemetry().getTracer("test").spanBuilder("release").startSpan().end();
    ReleaseMetrics metrics = observability.releaseMetrics();
    metrics.gateVerdict("sequential", GateVerdict.PASS, Tier.LOW);
    metrics.trust(Tier.LOW, 0.8);
    Eventually.await(
        Duration.ofSeconds(20),
        () -> received.stream().map(Received::path).toList(),
        paths -> paths.contains("/v1/metrics"));
    observability.stop();

    assertThat(received).extracting(Received::path).contains("/v1/traces", "/v1/metrics");
    assertThat(received)
        .allSatisfy(
            r -> {
              assertThat(r.contentType()).isEqualTo("application/x-protobuf");
              assertThat(r.apiKey()).isEqualTo("k-123");
              assertThat(r.bytes()).isPositive();
            });
  }

  @Test
  void withoutAnEndpointNothingIsExportedAndTheRegistryStillCounts() throws Exception {
    Observability observability = Observability.create(new ObservabilityConfiguration());

    observability.releaseMetrics().gateVerdict("per-wave", GateVerdict.FAIL, Tier.STANDARD);
    observability.openTelemetry().getTracer("test").spanBuilder("release").startSpan().end();
    String scrape = observability.scrape();
    observability.stop();

    assertThat(scrape)
        .contains(
            "waveguard_gate_verdicts_total{gate=\"per-wave\",tier=\"standard\",verdict=\"fail\"} 1.0");
    assertThat(received).isEmpty();
  }
}
