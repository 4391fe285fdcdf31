package io.waveguard.api.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.api.config.DeployerConfiguration;
import io.waveguard.api.config.WaveguardConfiguration;
import io.waveguard.api.embedded.WaveguardServer;
import io.waveguard.api.support.Eventually;
import io.waveguard.api.support.TestApp;
import io.waveguard.api.support.TestTokens;
import io.waveguard.simulatedfleet.FleetTargets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One release through the real app (embedded PostgreSQL, Temporal's test server, the webhook
 * deployer against a loopback receiver): its spans form one trace from the API request through the
 * workflow start and the activities to the deployer's call, whose {@code traceparent} reached the
 * receiver; the admin port's {@code /prometheus} shows the release's counters and the gate's
 * histograms.
 */
class ReleaseTraceTest {

  private static final String SERVICE = "traced";
  private static final String RELEASE = "traced-1";

  /** The caller's trace: the API's server span continues it. */
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  private static final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private static final List<String> traceparents = new CopyOnWriteArrayList<>();
  private static HttpServer hook;
  private static WaveguardServer server;

  @BeforeAll
  static void appWithAWebhookDeployerAndAnInMemoryExporter() throws Exception {
    TestApp.get()
        .jdbi()
        .useExtension(TargetDao.class, dao -> dao.upsertAll(FleetTargets.generate(SERVICE, 8, 5)));
    hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    hook.createContext(
        "/deploy",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
          traceparents.add(traceparent == null ? "" : traceparent);
          byte[] ok = "{}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, ok.length);
          exchange.getResponseBody().write(ok);
          exchange.close();
        });
    hook.start();
    WaveguardConfiguration config = TestApp.configuration("traced", true);
    DeployerConfiguration deployer = new DeployerConfiguration();
    deployer.setType(DeployerConfiguration.Type.WEBHOOK);
    deployer.setUrl(URI.create("http://127.0.0.1:" + hook.getAddress().getPort() + "/deploy"));
    config.setDeployer(deployer);
    config.getObservability().addSpanExporter(spans);
    server = WaveguardServer.start(config);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    hook.stop(0);
  }

  @Test
  void aReleaseIsOneTraceFromTheApiToTheDeployerAndItsMetricsAreScraped() {
    HttpResponse<String> started =
        send(
            HttpRequest.newBuilder(server.baseUri().resolve("/api/v1/releases"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestTokens.admin())
                .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        """
                        {"releaseId": "%s", "service": "%s", "version": "2.0.0",
                         "strategy": "all-at-once"}"""
                            .formatted(RELEASE, SERVICE))));
    assertThat(started.statusCode()).isEqualTo(202);
    Eventually.await(Duration.ofSeconds(60), traceparents::size, n -> n >= 1);
    String scrape =
        Eventually.await(
            Duration.ofSeconds(90),
            ReleaseTraceTest::scrape,
            text -> text.contains("waveguard_gate_verdicts_total"));

    // The receiver saw the release's trace id in the W3C header.
    assertThat(traceparents.get(0)).startsWith("00-" + TRACE_ID + "-");

    List<SpanData> trace =
        spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(TRACE_ID)).toList();
    Map<String, SpanData> byId =
        trace.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
    SpanData apiSpan =
        trace.stream()
            .filter(s -> s.getKind() == SpanKind.SERVER)
            .filter(s -> s.getName().equals("POST /api/v1/releases"))
            .findFirst()
            .orElseThrow();
    child(trace, apiSpan, "StartWorkflow:Release");
    // The workflow's own span (RunWorkflow:Release) ends with the release; its activities' spans
    // are in the caller's trace already.
    SpanData startDeploy = named(trace, "StartActivity:DeployWave");
    SpanData deploy = child(trace, startDeploy, "RunActivity:DeployWave");
    SpanData call =
        trace.stream()
            .filter(s -> s.getKind() == SpanKind.CLIENT)
            .filter(s -> s.getParentSpanId().equals(deploy.getSpanId()))
            .findFirst()
            .orElseThrow();
    assertThat(byId).containsKey(call.getParentSpanId());
    assertThat(deploy.getAttributes().asMap())
        .extractingByKeys(
            io.waveguard.activities.observability.ReleaseContext.RELEASE_ID,
            io.waveguard.activities.observability.ReleaseContext.WAVE,
            io.waveguard.activities.observability.ReleaseContext.TARGETS)
        .containsExactly(RELEASE, 1L, 8L);
    assertThat(call.getAttributes().asMap())
        .containsEntry(io.waveguard.activities.observability.ReleaseContext.RELEASE_ID, RELEASE);
    // The call's span is the one whose context the receiver got.
    assertThat(traceparents).anyMatch(h -> h.contains(call.getSpanId()));
    assertThat(apiSpan.getAttributes().asMap())
        .containsEntry(
            io.opentelemetry.api.common.AttributeKey.stringKey("http.route"), "/api/v1/releases");
    assertThat(trace.stream().map(SpanData::getName).collect(Collectors.toSet()))
        .contains("RunActivity:PlanRelease", "RunActivity:EvaluateWave");

    assertThat(scrape)
        .contains("waveguard_releases_started_total{strategy=\"all-at-once\"} 1.0")
        .contains("waveguard_gate_verdicts_total{gate=")
        .contains("waveguard_gate_rollback_distance_decibans_bucket{")
        .contains("waveguard_gate_entry_distance_decibans_bucket{")
        .contains(
            "waveguard_http_server_request_duration_seconds_count{http_request_method=\"POST\","
                + "http_response_status_code=\"202\",http_route=\"/api/v1/releases\"}")
        .contains("temporal_")
        .doesNotContain(RELEASE);
  }

  static String scrape() {
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.adminPort() + "/prometheus"))
                .GET());
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/plain; version=0.0.4");
    return answer.body();
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HttpClient.newHttpClient()
          .send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static SpanData named(List<SpanData> trace, String name) {
    return trace.stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in the trace"));
  }

  /** The span named {@code name} whose parent is {@code parent}. */
  private static SpanData child(List<SpanData> trace, SpanData parent, String name) {
    Set<String> seen = trace.stream().map(SpanData::getName).collect(Collectors.toSet());
    return trace.stream()
        .filter(s -> s.getName().equals(name))
        .filter(s -> s.getParentSpanId().equals(parent.getSpanId()))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError(name + " under " + parent.getName() + "; spans: " + seen));
  }
}
