package io.waveguard.api.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.dropwizard.util.Duration;
import io.waveguard.activities.db.AuditDao;
import io.waveguard.activities.db.AuditEntry;
import io.waveguard.activities.db.Database;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.activities.notify.WebhookSignature;
import io.waveguard.api.config.NotificationsConfiguration;
import io.waveguard.api.config.WaveguardConfiguration;
import io.waveguard.api.embedded.WaveguardServer;
import io.waveguard.api.support.Api;
import io.waveguard.api.support.Eventually;
import io.waveguard.api.support.TestApp;
import io.waveguard.simulatedfleet.FleetTargets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real server and worker with four webhooks on loopback: one that works (signed JSON), one for
 * Slack, one that answers 500 and one whose port is closed. The release completes anyway, the
 * working receivers get every event in order (the JSON one with a valid signature on each), and the
 * audit log names every delivery given up on.
 */
class NotificationsEndToEndTest {

  private static final String SERVICE = "notified";
  private static final String SECRET = "e2e-signing-secret";

  /** One received request: its headers and body. */
  record Received(Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private static final List<HttpServer> receivers = new ArrayList<>();
  private static final List<Received> good = new CopyOnWriteArrayList<>();
  private static final List<Received> slack = new CopyOnWriteArrayList<>();
  private static final List<Received> failing = new CopyOnWriteArrayList<>();
  private static WaveguardServer server;
  private static Api api;

  @BeforeAll
  static void serverWithWebhooks() throws Exception {
    TestApp app = TestApp.get();
    app.jdbi()
        .useExtension(
            TargetDao.class, dao -> FleetTargets.generate(SERVICE, 6, 11).forEach(dao::upsert));
    WaveguardConfiguration config = TestApp.configuration("waveguard-notify", true);
    NotificationsConfiguration notifications = config.getNotifications();
    notifications.apiBaseUrl = "http://waveguard.test:8080";
    notifications.temporalWebUiUrl = "http://temporal.test:8233";
    notifications.timeout = Duration.seconds(2);
    // Short, so the two failing webhooks give up within seconds: the test's time stays bounded.
    notifications.giveUpAfter = Duration.seconds(3);
    notifications.secrets = Map.of("e2e", SECRET);
    notifications.webhooks =
        List.of(
            webhook("good", receiver(good, 200), "json", "e2e", null),
            webhook("slack", receiver(slack, 200), "slack", "", null),
            webhook("failing", receiver(failing, 500), "json", "", null),
            webhook("down", "http://127.0.0.1:" + closedPort() + "/hook", "json", "", null));
    server = WaveguardServer.start(config);
    api = new Api(server.baseUri());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    receivers.forEach(r -> r.stop(0));
  }

  private static NotificationsConfiguration.Webhook webhook(
      String name, String url, String format, String secret, List<String> events) {
    NotificationsConfiguration.Webhook hook = new NotificationsConfiguration.Webhook();
    hook.name = name;
    hook.url = url;
    hook.format = format;
    hook.secret = secret;
    hook.events = events;
    return hook;
  }

  private static String receiver(List<Received> into, int status) throws IOException {
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext(
        "/",
        exchange -> {
          into.add(
              new Received(
                  Map.copyOf(exchange.getRequestHeaders()),
                  exchange.getRequestBody().readAllBytes()));
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    http.start();
    receivers.add(http);
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/hook";
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static JsonNode json(Received received) {
    try {
      return Database.JSON.readTree(received.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aReleaseCompletesDespiteDeadReceiversAndTheWorkingOnesHearEverythingInOrder() {
    String id = "notified-release";
    // The good webhook also hears of every passed wave, for this release only.
    Api.Answer started =
        api.post(
            "/api/v1/releases",
            """
            {"releaseId": "%s", "service": "%s", "version": "3.1.0", "strategy": "all-at-once",
             "policy": {"gateMode": "per-wave", "bakeSeconds": 1, "minRequestsPerCohort": 0,
                        "notifications": [{"name": "good", "events": ["release-started",
                          "wave-passed", "paused", "approval-needed", "rollback-started",
                          "finished"]}]}}"""
                .formatted(id, SERVICE));
    assertThat(started.status()).as(started.raw()).isEqualTo(202);
    assertThat(started.body().at("/policy/notifications/0/name").asText()).isEqualTo("good");
    assertThat(started.body().at("/policy/notifications/0/giveUpAfterSeconds").asInt())
        .isEqualTo(3);
    assertThat(started.raw()).doesNotContain(SECRET).doesNotContain("127.0.0.1");

    JsonNode done =
        Eventually.await(
                java.time.Duration.ofSeconds(90),
                () -> api.get("/api/v1/releases/" + id),
                a -> "COMPLETED".equals(a.text("status")))
            .body();
    int waves = done.get("waveCount").asInt();
    // The workflow closes only after its last deliveries ended, so the audit log is complete.
    List<AuditEntry> failed =
        Eventually.await(
            java.time.Duration.ofSeconds(60),
            () ->
                TestApp.get()
                    .jdbi()
                    .withExtension(AuditDao.class, dao -> dao.forRelease(id))
                    .stream()
                    .filter(e -> e.action().equals("notification-failed"))
                    .toList(),
            entries -> entries.size() == 4);

    List<String> types = good.stream().map(r -> json(r).get("type").asText()).toList();
    List<String> expected = new ArrayList<>();
    expected.add("release-started");
    for (int w = 0; w < waves; w++) {
      expected.add("wave-passed");
    }
    expected.add("finished");
    assertThat(types).containsExactlyElementsOf(expected);
    for (Received r : good) {
      long timestamp = Long.parseLong(r.header(WebhookSignature.TIMESTAMP_HEADER));
      assertThat(
              WebhookSignature.verify(
                  SECRET, timestamp, r.body(), r.header(WebhookSignature.SIGNATURE_HEADER)))
          .isTrue();
      assertThat(r.header("X-Waveguard-Event-Id")).isEqualTo(json(r).get("id").asText());
      assertThat(json(r).get("schemaVersion").asInt()).isEqualTo(1);
      assertThat(json(r).at("/links/release").asText())
          .isEqualTo("http://waveguard.test:8080/api/v1/releases/" + id);
      assertThat(json(r).at("/links/workflow").asText())
          .isEqualTo("http://temporal.test:8233/namespaces/default/workflows/release-" + id);
    }
    assertThat(json(good.get(good.size() - 1)).get("status").asText()).isEqualTo("COMPLETED");
    assertThat(good.stream().map(r -> json(r).get("id").asText()).distinct()).hasSize(good.size());
    assertThat(slack).hasSize(2);
    assertThat(json(slack.get(0)).get("text").asText()).contains(id).contains("started");
    assertThat(json(slack.get(1)).get("blocks").isArray()).isTrue();
    assertThat(slack.get(0).header(WebhookSignature.SIGNATURE_HEADER)).isNull();
    // The 500 receiver was asked more than once per event: Temporal retried it.
    assertThat(failing.size()).isGreaterThan(2);
    assertThat(failed)
        .extracting(AuditEntry::detail)
        .containsExactlyInAnyOrder(
            id + ":release-started:wave-0:r0 to failing",
            id + ":release-started:wave-0:r0 to down",
            expectedFinishedId(good) + " to failing",
            expectedFinishedId(good) + " to down");
    assertThat(failed)
        .filteredOn(e -> e.detail().endsWith("to failing"))
        .allSatisfy(e -> assertThat(e.reason()).contains("HTTP 500"));
    assertThat(failed)
        .filteredOn(e -> e.detail().endsWith("to down"))
        .allSatisfy(e -> assertThat(e.reason()).contains("unreachable"));
    assertThat(failed).allSatisfy(e -> assertThat(e.operator()).isEqualTo("waveguard"));
  }

  private static String expectedFinishedId(List<Received> received) {
    return json(received.get(received.size() - 1)).get("id").asText();
  }
}
