package io.waveguard.api.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.waveguard.activities.db.DeploymentDao;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.activities.db.TargetDeployment;
import io.waveguard.api.auth.ApiTokens;
import io.waveguard.api.auth.Role;
import io.waveguard.api.config.DeployerConfiguration;
import io.waveguard.api.config.WaveguardConfiguration;
import io.waveguard.api.embedded.WaveguardServer;
import io.waveguard.api.support.Api;
import io.waveguard.api.support.Eventually;
import io.waveguard.api.support.TestApp;
import io.waveguard.api.support.TestTokens;
import io.waveguard.simulatedfleet.FleetTargets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An abort in the middle of a slow deploy: the real app, its webhook deployer and a receiver on
 * loopback that takes its time over every deploy batch. The abort stops the deploy part-way; every
 * target it touched is rolled back exactly once; no deploy call reaches the receiver after the
 * first rollback call.
 */
class AbortDuringDeployTest {

  private static final String SERVICE = "slow-deploy";

  /** Ten batches of 50, one wave (all at once). */
  private static final int TARGETS = 500;

  private static final Duration PER_DEPLOY_BATCH = Duration.ofMillis(400);

  private static SlowDeployHook hook;
  private static WaveguardServer server;
  private static Api api;

  @BeforeAll
  static void appWithASlowWebhookDeployer() throws Exception {
    TestApp app = TestApp.get();
    app.jdbi()
        .useExtension(
            TargetDao.class, dao -> dao.upsertAll(FleetTargets.generate(SERVICE, TARGETS, 11)));
    hook = new SlowDeployHook(PER_DEPLOY_BATCH);
    WaveguardConfiguration config = TestApp.configuration("slow-deploy", true);
    DeployerConfiguration deployer = new DeployerConfiguration();
    deployer.setType(DeployerConfiguration.Type.WEBHOOK);
    deployer.setUrl(hook.url());
    config.setDeployer(deployer);
    config.getWorker().setHeartbeatThrottle(io.dropwizard.util.Duration.milliseconds(100));
    server = WaveguardServer.start(config);
    api = new Api(server.baseUri());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    hook.close();
  }

  @Test
  void anAbortStopsTheDeployAndEveryTouchedTargetIsRolledBackOnceAfterIt() {
    Api.Answer started =
        api.post(
            "/api/v1/releases",
            """
            {"releaseId": "stopped-mid-wave", "service": "%s", "version": "9.9.9",
             "strategy": "all-at-once"}"""
                .formatted(SERVICE));
    assertThat(started.status()).isEqualTo(202);
    Eventually.await(Duration.ofSeconds(60), () -> hook.calls("deploy").size(), n -> n >= 2);

    // Dave's own operator token: the release records who aborted it from the token.
    ApiTokens.Issued dave = TestTokens.create("dave", Role.OPERATOR, null, null);
    Api.Answer abort =
        api.withToken(dave.token())
            .post(
                "/api/v1/releases/stopped-mid-wave/abort",
                """
            {"reason": "wrong build tagged"}""");
    assertThat(abort.status()).isEqualTo(200);
    JsonNode done =
        Eventually.await(
            Duration.ofSeconds(90),
            () -> api.get("/api/v1/releases/stopped-mid-wave").body(),
            body -> "ABORTED".equals(body.path("status").asText()));

    List<Call> deploys = hook.calls("deploy");
    List<Call> rollbacks = hook.calls("rollback");
    assertThat(done.path("outcomeReason").asText()).contains("aborted by " + dave.name());
    assertThat(deploys.size()).as("deploy batches sent of 10").isBetween(2, 9);
    Map<String, Integer> deployed = countByTarget(deploys);
    Map<String, Integer> rolledBack = countByTarget(rollbacks);
    assertThat(deployed).allSatisfy((target, n) -> assertThat(n).isOne());
    assertThat(rolledBack).isEqualTo(deployed);
    long firstRollback = rollbacks.stream().mapToLong(Call::startedAt).min().orElseThrow();
    assertThat(deploys).allSatisfy(d -> assertThat(d.finishedAt()).isLessThan(firstRollback));

    List<TargetDeployment> rows =
        TestApp.get()
            .jdbi()
            .withExtension(DeploymentDao.class, dao -> dao.release("stopped-mid-wave"));
    assertThat(rows).noneMatch(TargetDeployment::isDeployed);
    assertThat(rows).filteredOn(TargetDeployment::isRolledBack).hasSize(deployed.size());
    assertThat(rows)
        .filteredOn(TargetDeployment::isPending)
        .allSatisfy(row -> assertThat(row.inFlightKey()).isNull());
  }

  private static Map<String, Integer> countByTarget(List<Call> calls) {
    Map<String, Integer> counts = new HashMap<>();
    calls.forEach(c -> c.targets().forEach(t -> counts.merge(t, 1, Integer::sum)));
    return counts;
  }

  /** One webhook call as the receiver saw it, on its own monotonic clock. */
  record Call(String action, List<String> targets, long startedAt, long finishedAt) {}

  /** A deploy webhook that is slow to deploy and quick to roll back; it logs every call. */
  static final class SlowDeployHook implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer http;
    private final Duration perDeploy;
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong clock = new AtomicLong();

    SlowDeployHook(Duration perDeploy) throws IOException {
      this.perDeploy = perDeploy;
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      http.setExecutor(Executors.newFixedThreadPool(4));
      http.createContext("/deploy", this::handle);
      http.start();
    }

    URI url() {
      return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/deploy");
    }

    List<Call> calls(String action) {
      synchronized (calls) {
        return calls.stream().filter(c -> c.action().equals(action)).toList();
      }
    }

    private void handle(HttpExchange exchange) throws IOException {
      long started = clock.incrementAndGet();
      JsonNode body = JSON.readTree(exchange.getRequestBody());
      String action = body.path("action").asText();
      List<String> targets = new ArrayList<>();
      body.path("targets").forEach(t -> targets.add(t.asText()));
      if (action.equals("deploy")) {
        try {
          Thread.sleep(perDeploy.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      calls.add(new Call(action, targets, started, clock.incrementAndGet()));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    }

    @Override
    public void close() {
      http.stop(0);
    }
  }
}
