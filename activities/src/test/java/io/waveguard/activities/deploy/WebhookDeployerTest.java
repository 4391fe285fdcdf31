package io.waveguard.activities.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.temporal.failure.ApplicationFailure;
import io.waveguard.activities.db.Database;
import io.waveguard.workflows.activities.ActivityErrors;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookDeployerTest {

  /** Generous, so a loaded build machine never turns a normal answer into a timeout. */
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** Only the timeout test uses it; its handler sleeps ten times as long. */
  private static final Duration SHORT_TIMEOUT = Duration.ofMillis(200);

  private static final DeployBatch BATCH = new DeployBatch("r1", 2, "2.0", List.of("b", "a"));

  /** What the fake deployment system answers; tests set it before calling. */
  private volatile int status = 200;

  private volatile Duration delay = Duration.ZERO;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private URI url;
  private WebhookDeployer deployer;

  record Received(String method, String idempotencyKey, String contentType, JsonNode body) {}

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/deploy", this::handle);
    server.start();
    url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/deploy");
    deployer = new WebhookDeployer(url, TIMEOUT);
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void successfulDeployPostsTheBatchWithItsIdempotencyKey() {
    deployer.deploy(BATCH);

    assertThat(received).hasSize(1);
    Received call = received.get(0);
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.contentType()).isEqualTo("application/json");
    assertThat(call.idempotencyKey()).isEqualTo(BATCH.idempotencyKey(DeployAction.DEPLOY));
    assertThat(call.idempotencyKey()).startsWith("r1:2:deploy:");
    assertThat(call.body().get("action").asText()).isEqualTo("deploy");
    assertThat(call.body().get("releaseId").asText()).isEqualTo("r1");
    assertThat(call.body().get("wave").asInt()).isEqualTo(2);
    assertThat(call.body().get("version").asText()).isEqualTo("2.0");
    assertThat(call.body().get("targets")).extracting(JsonNode::asText).containsExactly("b", "a");
  }

  @Test
  void rollbackUsesItsOwnActionAndKey() {
    status = 204;

    deployer.rollBack(BATCH);

    Received call = received.get(0);
    assertThat(call.body().get("action").asText()).isEqualTo("rollback");
    assertThat(call.idempotencyKey())
        .startsWith("r1:2:rollback:")
        .isNotEqualTo(BATCH.idempotencyKey(DeployAction.DEPLOY));
  }

  @Test
  void serverErrorIsRetryable() {
    status = 503;

    DeployerUnavailableException failure =
        catchThrowableOfType(DeployerUnavailableException.class, () -> deployer.deploy(BATCH));

    assertThat(failure).hasMessageContaining("HTTP 503").hasMessageContaining("r1:2:deploy:");
  }

  @Test
  void rateLimitingIsRetryable() {
    status = 429;

    DeployerUnavailableException failure =
        catchThrowableOfType(DeployerUnavailableException.class, () -> deployer.deploy(BATCH));

    assertThat(failure).hasMessageContaining("HTTP 429");
  }

  @Test
  void clientErrorIsAPermanentRejection() {
    status = 400;

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> deployer.deploy(BATCH));

    assertThat(failure.getType()).isEqualTo(ActivityErrors.DEPLOY_REJECTED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("HTTP 400").contains("unknown service");
  }

  @Test
  void slowDeployerTimesOutRetryably() {
    delay = SHORT_TIMEOUT.multipliedBy(10);
    WebhookDeployer impatient = new WebhookDeployer(url, SHORT_TIMEOUT);

    DeployerUnavailableException failure =
        catchThrowableOfType(DeployerUnavailableException.class, () -> impatient.deploy(BATCH));

    assertThat(failure).hasMessageContaining("did not answer").hasMessageContaining("200 ms");
  }

  @Test
  void unreachableDeployerIsRetryable() {
    server.stop(0);

    DeployerUnavailableException failure =
        catchThrowableOfType(DeployerUnavailableException.class, () -> deployer.deploy(BATCH));

    assertThat(failure).isNotNull();
  }

  @Test
  void sameTargetsInAnotherOrderKeepTheKey() {
    DeployBatch reordered = new DeployBatch("r1", 2, "2.0", List.of("a", "b"));

    assertThat(reordered.idempotencyKey(DeployAction.DEPLOY))
        .isEqualTo(BATCH.idempotencyKey(DeployAction.DEPLOY))
        .isNotEqualTo(
            new DeployBatch("r1", 2, "2.0", List.of("a", "c")).idempotencyKey(DeployAction.DEPLOY));
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      received.add(
          new Received(
              exchange.getRequestMethod(),
              exchange.getRequestHeaders().getFirst("Idempotency-Key"),
              exchange.getRequestHeaders().getFirst("Content-Type"),
              Database.JSON.readTree(body)));
      sleep(delay);
      byte[] answer =
          (status == 400 ? "{\"error\":\"unknown service\"}" : "{}")
              .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, status == 204 ? -1 : answer.length);
      if (status != 204) {
        exchange.getResponseBody().write(answer);
      }
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
