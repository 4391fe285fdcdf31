package io.waveguard.api.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.api.config.WaveguardConfiguration;
import io.waveguard.api.embedded.WaveguardServer;
import io.waveguard.api.support.Api;
import io.waveguard.api.support.Api.Answer;
import io.waveguard.api.support.Eventually;
import io.waveguard.api.support.TestApp;
import io.waveguard.api.support.TestTokens;
import io.waveguard.simulatedfleet.FleetTargets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With no worker on the task queue, no command can be accepted as an Update: the API answers 202
 * QUEUED within its wait instead of hanging, audits it, and sends an abort as a signal too.
 */
class CommandsWithoutWorkerTest {

  private static final String QUEUE = "no-worker-yet";

  private static WaveguardServer apiOnly;
  private static Api api;

  @BeforeAll
  static void startApiWithoutWorker() throws Exception {
    TestApp.get()
        .jdbi()
        .useExtension(
            TargetDao.class, dao -> FleetTargets.generate("orphan", 4, 3).forEach(dao::upsert));
    WaveguardConfiguration config = TestApp.configuration(QUEUE, false);
    config.getTemporal().setCommandAcceptTimeout(io.dropwizard.util.Duration.seconds(1));
    apiOnly = WaveguardServer.start(config);
    api = new Api(apiOnly.baseUri());
  }

  @AfterAll
  static void stop() throws Exception {
    apiOnly.close();
  }

  /**
   * Each release over targets of its own: one test starts a worker, which plans the others, and a
   * target belongs to one running release at a time.
   */
  private static Answer startRelease(String id) {
    TestApp.get()
        .jdbi()
        .useExtension(TargetDao.class, dao -> FleetTargets.generate(id, 4, 3).forEach(dao::upsert));
    return api.post(
        "/api/v1/releases",
        """
        {"releaseId": "%s", "service": "%s", "version": "1.0", "strategy": "canary"}"""
            .formatted(id, id));
  }

  private static Answer abort(String id) {
    return api.post(
        "/api/v1/releases/" + id + "/abort",
        "{\"operator\": \"carol\", \"reason\": \"bad build\"}");
  }

  @Test
  void startAnswersTheRecordedStateWhenNoWorkerAnswers() {
    Answer started = startRelease("orphan-start");

    assertThat(started.status()).isEqualTo(202);
    assertThat(started.text("status")).isEqualTo("PLANNING");
    assertThat(started.text("waitingFor")).contains("worker");
    assertThat(api.get("/api/v1/releases/orphan-start").text("status")).isEqualTo("PLANNING");
  }

  @Test
  void pauseIsAnsweredQueuedInsteadOfWaitingForAWorker() {
    startRelease("orphan-pause");

    Answer pause =
        api.post(
            "/api/v1/releases/orphan-pause/pause",
            "{\"operator\": \"dave\", \"reason\": \"hold\"}");

    assertThat(pause.status()).isEqualTo(202);
    assertThat(pause.text("outcome")).isEqualTo("QUEUED");
    JsonNode audit = api.get("/api/v1/releases/orphan-pause/audit").body().get("entries");
    assertThat(audit.get(0).get("outcome").asText()).isEqualTo("QUEUED");
  }

  @Test
  void abortIsQueuedAndAuditedWhileNoWorkerRuns() {
    startRelease("orphan-queued");

    Answer abort = abort("orphan-queued");

    assertThat(abort.status()).isEqualTo(202);
    assertThat(abort.text("outcome")).isEqualTo("QUEUED");
    assertThat(abort.text("message")).contains("abortRequested");
    assertThat(abort.location()).endsWith("/api/v1/releases/orphan-queued");
    JsonNode audit = api.get("/api/v1/releases/orphan-queued/audit").body().get("entries");
    assertThat(audit).hasSize(1);
    assertThat(audit.get(0).get("action").asText()).isEqualTo("abort");
    assertThat(audit.get(0).get("outcome").asText()).isEqualTo("QUEUED");
    // The token's identity, not the name the body gives.
    assertThat(audit.get(0).get("operator").asText()).isEqualTo(TestTokens.ADMIN_NAME);
  }

  /**
   * The timed-out Update stays admitted on the server, so a worker that comes up receives both the
   * Update and the signal: the release must end ABORTED, the late Update failing on its own.
   */
  @Test
  void queuedAbortIsAppliedOnceAWorkerRuns() throws Exception {
    startRelease("orphan-applied");
    assertThat(abort("orphan-applied").status()).isEqualTo(202);

    try (WaveguardServer worker = WaveguardServer.start(TestApp.configuration(QUEUE, true))) {
      Eventually.await(
          Duration.ofSeconds(30),
          () -> api.get("/api/v1/releases/orphan-applied"),
          answer -> "ABORTED".equals(answer.text("status")));
    }
  }
}
