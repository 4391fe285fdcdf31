package io.waveguard.api.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowNotFoundException;
import io.waveguard.activities.db.AuditDao;
import io.waveguard.activities.db.AuditEntry;
import io.waveguard.activities.db.DeploymentDao;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.activities.db.TargetDeployment;
import io.waveguard.api.support.Api;
import io.waveguard.api.support.Api.Answer;
import io.waveguard.api.support.Eventually;
import io.waveguard.api.support.TestApp;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One running release per target, through HTTP with a worker, PostgreSQL and Temporal. */
class TargetHoldsResourceTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private TestApp app;
  private Api api;
  private String service;

  /** A fresh service per test, four targets in "eu" and four in "us". */
  @BeforeEach
  void fleet() {
    app = TestApp.get();
    api = app.api();
    service = "held-" + UUID.randomUUID().toString().substring(0, 8);
    List<Target> targets = new ArrayList<>();
    for (String segment : List.of("eu", "us")) {
      for (int i = 0; i < 4; i++) {
        targets.add(
            new Target(
                "%s-%s-%d".formatted(service, segment, i),
                service,
                segment,
                Tier.LOW,
                1.0,
                Map.of()));
      }
    }
    app.jdbi().useExtension(TargetDao.class, dao -> targets.forEach(dao::upsert));
  }

  @Test
  void aStartOverTargetsARunningReleaseHoldsIs409NamingTheHolderAndStartsNothing() {
    String holder = start("holder", null, null).text("releaseId");
    awaitHolding(holder);
    String refused = "refused-" + service;

    Answer answer = start(refused, null, null);

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.text("error")).isEqualTo("targets_held");
    assertThat(answer.text("field")).isEqualTo("selector");
    assertThat(answer.text("message"))
        .contains("running release " + holder + " holds 8 of its targets")
        .contains(service + "-eu-0")
        .contains("policy.whenTargetsHeld");
    assertThatThrownBy(
            () ->
                app.temporal()
                    .newUntypedWorkflowStub(ReleaseSpec.workflowIdFor(refused))
                    .describe())
        .isInstanceOf(WorkflowNotFoundException.class);
    abort(holder);
  }

  @Test
  void releasesOfOneServiceOverDisjointTargetsRunSideBySide() {
    String eu = start("eu", "eu", null).text("releaseId");
    String us = start("us", "us", null).text("releaseId");

    awaitHolding(eu);
    awaitHolding(us);

    assertThat(status(eu)).isNotEqualTo("FAILED");
    assertThat(status(us)).isNotEqualTo("FAILED");
    abort(eu);
    abort(us);
  }

  @Test
  void aReleaseThatWaitsSaysWhoHoldsItsTargetsAndRunsOnceTheHolderEnded() {
    String holder = start("holder", null, null).text("releaseId");
    awaitHolding(holder);

    Answer started = start("patient", null, "wait");

    assertThat(started.status()).isEqualTo(202);
    String patient = started.text("releaseId");
    Answer waiting =
        Eventually.await(
            PATIENCE,
            () -> api.get("/api/v1/releases/" + patient),
            a -> "WAITING_FOR_TARGETS".equals(a.text("status")));
    assertThat(waiting.text("waitingFor")).contains("running release " + holder + " holds 8");
    assertThat(waiting.body().path("policy").path("whenTargetsHeld").asText()).isEqualTo("wait");

    abort(holder);

    Eventually.await(PATIENCE, () -> status(holder), "ABORTED"::equals);
    Eventually.await(PATIENCE, () -> status(patient), "RUNNING"::equals);
    assertThat(heldBy(patient)).isEqualTo(8);
    abort(patient);
  }

  @Test
  void anAbortWhileWaitingEndsTheReleaseAbortedWithNothingDeployed() {
    String holder = start("holder", null, null).text("releaseId");
    awaitHolding(holder);
    String patient = start("patient", null, "wait").text("releaseId");
    Eventually.await(PATIENCE, () -> status(patient), "WAITING_FOR_TARGETS"::equals);

    abort(patient);

    Eventually.await(PATIENCE, () -> status(patient), "ABORTED"::equals);
    List<TargetDeployment> rows =
        app.jdbi().withExtension(DeploymentDao.class, dao -> dao.release(patient));
    assertThat(rows).isEmpty();
    assertThat(heldBy(holder)).isEqualTo(8);
    abort(holder);
  }

  @Test
  void theHoldsOfAReleaseTerminatedByHandDoNotBlockTheNextOne() {
    String terminated = start("terminated", null, null).text("releaseId");
    awaitHolding(terminated);
    app.temporal()
        .newUntypedWorkflowStub(ReleaseSpec.workflowIdFor(terminated))
        .terminate("operator gave up on it");

    Answer next = start("next", null, null);

    assertThat(next.status()).isEqualTo(202);
    String id = next.text("releaseId");
    awaitHolding(id);
    List<AuditEntry> audit = app.jdbi().withExtension(AuditDao.class, dao -> dao.forRelease(id));
    assertThat(audit)
        .anySatisfy(
            e ->
                assertThat(e.reason())
                    .contains("took over 8 targets held by release " + terminated));
    abort(id);
  }

  @Test
  void aRepeatedStartAnswersItsReleaseEvenWhileAnotherNowHoldsItsTargets() {
    String first = "first-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(startWithId(first, null, null).status()).isEqualTo(202);
    awaitHolding(first);
    abort(first);
    Eventually.await(PATIENCE, () -> status(first), "ABORTED"::equals);
    String holder = start("holder", null, null).text("releaseId");
    awaitHolding(holder);

    Answer repeat = startWithId(first, null, null);

    assertThat(repeat.status()).isEqualTo(202);
    assertThat(repeat.text("releaseId")).isEqualTo(first);
    assertThat(repeat.text("status")).isEqualTo("ABORTED");
    assertThat(heldBy(holder)).isEqualTo(8);
    abort(holder);
  }

  @Test
  void anUnknownWhenTargetsHeldIs400NamingTheField() {
    Answer answer = start("typo", null, "maybe");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.text("field")).isEqualTo("policy.whenTargetsHeld");
  }

  private Answer start(String prefix, String segment, String whenTargetsHeld) {
    return startWithId(
        prefix + "-" + UUID.randomUUID().toString().substring(0, 8), segment, whenTargetsHeld);
  }

  private Answer startWithId(String id, String segment, String whenTargetsHeld) {
    String selector =
        segment == null ? "" : ", \"selector\": {\"segments\": [\"%s\"]}".formatted(segment);
    String policy =
        whenTargetsHeld == null ? "{}" : "{\"whenTargetsHeld\": \"%s\"}".formatted(whenTargetsHeld);
    return api.post(
        "/api/v1/releases",
        """
        {"releaseId": "%s", "service": "%s", "version": "9.0", "strategy": "waves",
         "policy": %s%s}
        """
            .formatted(id, service, policy, selector));
  }

  private String status(String releaseId) {
    return api.get("/api/v1/releases/" + releaseId).text("status");
  }

  private int heldBy(String releaseId) {
    return app.jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM target_holds WHERE release_id = :r")
                    .bind("r", releaseId)
                    .mapTo(Integer.class)
                    .one());
  }

  private void awaitHolding(String releaseId) {
    Eventually.await(PATIENCE, () -> heldBy(releaseId), n -> n > 0);
  }

  private void abort(String releaseId) {
    api.post(
        "/api/v1/releases/" + releaseId + "/abort",
        "{\"operator\": \"alice\", \"reason\": \"test over\"}");
  }
}
