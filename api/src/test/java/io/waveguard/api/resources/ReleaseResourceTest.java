package io.waveguard.api.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.temporal.api.common.v1.Payloads;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.common.SearchAttributes;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.api.support.Api;
import io.waveguard.api.support.Api.Answer;
import io.waveguard.api.support.Eventually;
import io.waveguard.api.support.TestApp;
import io.waveguard.api.support.TestTokens;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.policy.model.SequentialGatePolicy;
import io.waveguard.policy.model.Tier;
import io.waveguard.simulatedfleet.FleetTargets;
import io.waveguard.workflows.release.ReleaseSearchAttributes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Starting, listing, reading and commanding releases through HTTP, with a worker running. */
class ReleaseResourceTest {

  private static final String SERVICE = "checkout";

  private static TestApp app;
  private static Api api;

  @BeforeAll
  static void startAppWithFleet() {
    app = TestApp.get();
    api = app.api();
    app.jdbi()
        .useExtension(
            TargetDao.class, dao -> FleetTargets.generate(SERVICE, 12, 7).forEach(dao::upsert));
    app.jdbi()
        .useExtension(
            TargetDao.class, dao -> FleetTargets.generate("payments", 6, 11).forEach(dao::upsert));
  }

  /**
   * A target belongs to one running release at a time, and these tests share their services'
   * targets: every release a test left running is aborted, and has ended, before the next starts.
   */
  @AfterEach
  void endTheReleasesThisTestLeftRunning() {
    List<String> running =
        app.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT release_id FROM releases WHERE service IN (:a, :b, 'many')"
                                + " AND status NOT IN ('COMPLETED', 'ROLLED_BACK', 'ABORTED',"
                                + " 'FAILED')")
                        .bind("a", SERVICE)
                        .bind("b", "payments")
                        .mapTo(String.class)
                        .list());
    running.forEach(id -> command(id, "abort"));
    for (String id : running) {
      Eventually.await(
          Duration.ofSeconds(30),
          () -> statusOf(id),
          status -> List.of("COMPLETED", "ROLLED_BACK", "ABORTED", "FAILED").contains(status));
    }
  }

  private static String uniqueId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String releaseBody(String id, String version, long bakeSeconds) {
    return """
        {"releaseId": "%s", "service": "%s", "version": "%s", "strategy": "waves",
         "policy": {"bakeSeconds": %d}}
        """
        .formatted(id, SERVICE, version, bakeSeconds);
  }

  private static Answer command(String id, String action) {
    return api.post(
        "/api/v1/releases/" + id + "/" + action,
        """
        {"operator": "alice", "reason": "testing %s"}"""
            .formatted(action));
  }

  private static String runId(String releaseId) {
    return app.temporal()
        .newUntypedWorkflowStub(ReleaseSpec.workflowIdFor(releaseId))
        .describe()
        .getExecution()
        .getRunId();
  }

  private static String statusOf(String releaseId) {
    return api.get("/api/v1/releases/" + releaseId).text("status");
  }

  @Test
  void startAnswers202WithLocationAndTheReleaseState() {
    String id = uniqueId("start");

    Answer started = api.post("/api/v1/releases", releaseBody(id, "2.0.0", 600));

    assertThat(started.status()).isEqualTo(202);
    assertThat(started.location()).endsWith("/api/v1/releases/" + id);
    assertThat(started.text("releaseId")).isEqualTo(id);
    assertThat(started.text("service")).isEqualTo(SERVICE);
    assertThat(started.text("strategy")).isEqualTo("waves");
    assertThat(started.text("status")).isIn("PLANNING", "RUNNING");
    assertThat(api.get(started.location()).text("releaseId")).isEqualTo(id);
  }

  @Test
  void startedWorkflowCarriesSearchAttributesAndSummaryForTheWebUi() {
    String id = uniqueId("visible");
    api.post("/api/v1/releases", releaseBody(id, "2.1.0", 600));

    WorkflowExecutionDescription description =
        app.temporal().newUntypedWorkflowStub(ReleaseSpec.workflowIdFor(id)).describe();

    SearchAttributes attributes = description.getTypedSearchAttributes();
    assertThat(attributes.get(ReleaseSearchAttributes.SERVICE)).isEqualTo(SERVICE);
    assertThat(attributes.get(ReleaseSearchAttributes.VERSION)).isEqualTo("2.1.0");
    assertThat(attributes.get(ReleaseSearchAttributes.STRATEGY)).isEqualTo("waves");
    assertThat(attributes.get(ReleaseSearchAttributes.STATUS)).isNotBlank();
    assertThat(description.getStaticSummary()).isEqualTo(SERVICE + " 2.1.0 via waves");
    assertThat(description.getStaticDetails())
        .contains("one sequential test for the whole release")
        .contains("alpha 0.01 per release")
        .contains("low 2.0, standard 1.5, finance-critical 1.2, safety-critical 1.1")
        .contains("judged every 60 s, at least 180 s, at most 1800 s")
        .doesNotContain("x the controls' error rate");
  }

  @Test
  void perWaveReleaseDetailsDescribeTheSprtAndTheFixedBake() {
    String id = uniqueId("per-wave-details");
    api.post(
        "/api/v1/releases",
        """
        {"releaseId": "%s", "service": "%s", "version": "2.2.0", "strategy": "waves",
         "policy": {"gateMode": "per-wave", "bakeSeconds": 600, "maxBakeExtensions": 1}}"""
            .formatted(id, SERVICE));

    String details =
        app.temporal()
            .newUntypedWorkflowStub(ReleaseSpec.workflowIdFor(id))
            .describe()
            .getStaticDetails();

    assertThat(details)
        .contains("per wave, Wald's SPRT")
        .contains("1000 requests per cohort")
        .contains("bake: 600 s, up to 1 extensions")
        .doesNotContain("sequential");
  }

  @Test
  void serverDefaultsAreResolvedIntoTheInputAndShownByGet() {
    String id = uniqueId("defaults");

    Answer started =
        api.post(
            "/api/v1/releases",
            """
            {"releaseId": "%s", "service": "%s", "version": "2.3.0", "strategy": "waves"}"""
                .formatted(id, SERVICE));

    ReleasePolicy input = startedInput(id).policy();
    assertThat(input.sequentialGate()).isEqualTo(SequentialGatePolicy.defaults());
    assertThat(input.bakeSeconds()).isEqualTo(ReleasePolicy.defaults().bakeSeconds());
    JsonNode shown = api.get("/api/v1/releases/" + id).body().get("policy");
    assertThat(shown.get("gateMode").asText()).isEqualTo("sequential");
    JsonNode gate = shown.get("sequentialGate");
    assertThat(gate.get("alpha").asDouble()).isEqualTo(0.01);
    assertThat(gate.get("tierTolerances").get("finance-critical").asDouble()).isEqualTo(1.2);
    assertThat(gate.get("tierTolerances").get("safety-critical").asDouble()).isEqualTo(1.1);
    assertThat(gate.get("periodSeconds").asLong()).isEqualTo(60);
    assertThat(gate.get("minBakeSeconds").asLong()).isEqualTo(180);
    assertThat(gate.get("maxBakeSeconds").asLong()).isEqualTo(1800);
    assertThat(started.body().get("policy")).isEqualTo(shown);
    // The server's trust model and planning travel with the release too.
    assertThat(input.trust()).isNotNull();
    assertThat(input.trust().planning().tierThresholds().get(Tier.FINANCE_CRITICAL)).isEqualTo(0.7);
    assertThat(shown.get("trust").get("planning").get("cumulativeImpactSteps")).hasSize(5);
    assertThat(shown.get("trust").get("model").get("halfLifeDays").asDouble()).isEqualTo(30.0);
  }

  @Test
  void requestOverridesWinOverServerDefaults() {
    String id = uniqueId("overrides");

    api.post(
        "/api/v1/releases",
        """
        {"releaseId": "%s", "service": "%s", "version": "2.4.0", "strategy": "waves",
         "policy": {"gateMode": "sequential", "alpha": 0.02, "gatePeriodSeconds": 30,
                    "minBakeSeconds": 90, "maxBakeSeconds": 900,
                    "tierTolerances": {"standard": 1.3}}}"""
            .formatted(id, SERVICE));

    SequentialGatePolicy gate = startedInput(id).policy().sequentialGate();
    assertThat(gate.alpha()).isEqualTo(0.02);
    assertThat(gate.tolerances().standard()).isEqualTo(1.3);
    assertThat(gate.tolerances().low()).isEqualTo(2.0);
    assertThat(List.of(gate.periodSeconds(), gate.minBakeSeconds(), gate.maxBakeSeconds()))
        .containsExactly(30L, 90L, 900L);
    assertThat(gate.entryAlpha()).isEqualTo(SequentialGatePolicy.defaults().entryAlpha());
    JsonNode shown = api.get("/api/v1/releases/" + id).body().get("policy").get("sequentialGate");
    assertThat(shown.get("alpha").asDouble()).isEqualTo(0.02);
    assertThat(shown.get("tierTolerances").get("standard").asDouble()).isEqualTo(1.3);
  }

  @Test
  void perWaveModeStartsWithoutASequentialGate() {
    String id = uniqueId("per-wave");

    api.post(
        "/api/v1/releases",
        """
        {"releaseId": "%s", "service": "%s", "version": "2.5.0", "strategy": "waves",
         "policy": {"gateMode": "per-wave", "bakeSeconds": 600}}"""
            .formatted(id, SERVICE));

    assertThat(startedInput(id).policy().sequentialGate()).isNull();
    JsonNode shown = api.get("/api/v1/releases/" + id).body().get("policy");
    assertThat(shown.get("gateMode").asText()).isEqualTo("per-wave");
    assertThat(shown.get("sequentialGate").isNull()).isTrue();
    assertThat(shown.get("bakeSeconds").asLong()).isEqualTo(600);
  }

  @Test
  void aStartForAServiceWithoutTargetsIsRefusedNamingTheServiceAndStartsNothing() {
    String id = uniqueId("nobody-home");

    Answer refused =
        api.post(
            "/api/v1/releases",
            """
            {"releaseId": "%s", "service": "no-such-service", "version": "1.0.0",
             "strategy": "waves"}"""
                .formatted(id));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.text("field")).isEqualTo("service");
    assertThat(refused.text("message")).contains("has no targets");
    assertThatThrownBy(
            () -> app.temporal().newUntypedWorkflowStub(ReleaseSpec.workflowIdFor(id)).describe())
        .isInstanceOf(WorkflowNotFoundException.class);
  }

  @Test
  void aStartWhoseSelectorMatchesNoTargetIsRefusedNamingTheSelector() {
    String id = uniqueId("empty-selector");

    Answer refused =
        api.post(
            "/api/v1/releases",
            """
            {"releaseId": "%s", "service": "%s", "version": "1.0.0", "strategy": "waves",
             "selector": {"labels": {"region": "mars"}}}"""
                .formatted(id, SERVICE));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.text("field")).isEqualTo("selector");
    assertThatThrownBy(
            () -> app.temporal().newUntypedWorkflowStub(ReleaseSpec.workflowIdFor(id)).describe())
        .isInstanceOf(WorkflowNotFoundException.class);
  }

  @Test
  void aStartThatWouldPlanMoreWavesThanAllowedIsRefusedNamingTheGrowthFactor() {
    app.jdbi()
        .useExtension(
            TargetDao.class, dao -> FleetTargets.generate("many", 600, 5).forEach(dao::upsert));
    String id = uniqueId("one-by-one");

    // Growth 1: one target per wave, 600 waves against the default limit of 500.
    Answer refused =
        api.post(
            "/api/v1/releases",
            """
            {"releaseId": "%s", "service": "many", "version": "1.0.0", "strategy": "waves",
             "policy": {"gateMode": "per-wave", "waveGrowthFactor": 1}}"""
                .formatted(id));
    Answer accepted =
        api.post(
            "/api/v1/releases",
            """
            {"releaseId": "%s", "service": "many", "version": "1.0.0", "strategy": "waves",
             "policy": {"gateMode": "per-wave", "waveGrowthFactor": 2}}"""
                .formatted(id + "-x2"));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.text("field")).isEqualTo("policy.waveGrowthFactor");
    assertThat(refused.text("message")).contains("600 waves", "limits.maxWavesPerRelease");
    assertThatThrownBy(
            () -> app.temporal().newUntypedWorkflowStub(ReleaseSpec.workflowIdFor(id)).describe())
        .isInstanceOf(WorkflowNotFoundException.class);
    assertThat(accepted.status()).isEqualTo(202);
  }

  @Test
  void repeatedStartWithOverridesResolvesToTheSamePolicyAndTheSameRelease() {
    String id = uniqueId("repeat-policy");
    String body =
        """
        {"releaseId": "%s", "service": "%s", "version": "3.1.0", "strategy": "waves",
         "policy": {"alpha": 0.02, "tierTolerances": {"safety-critical": 1.05}}}"""
            .formatted(id, SERVICE);
    api.post("/api/v1/releases", body);
    String runId = runId(id);

    Answer again = api.post("/api/v1/releases", body);
    Answer otherAlpha = api.post("/api/v1/releases", body.replace("0.02", "0.03"));

    assertThat(again.status()).isEqualTo(202);
    assertThat(runId(id)).isEqualTo(runId);
    assertThat(otherAlpha.status()).isEqualTo(409);
    assertThat(otherAlpha.text("message")).contains("another effective policy");
    assertThat(startedInput(id).policy().sequentialGate().alpha()).isEqualTo(0.02);
  }

  @Test
  void startWithoutReleaseIdGeneratesOne() {
    Answer started =
        api.post(
            "/api/v1/releases",
            """
            {"service": "payments", "version": "1.1", "strategy": "canary"}""");

    assertThat(started.status()).isEqualTo(202);
    String id = started.text("releaseId");
    assertThat(UUID.fromString(id)).isNotNull();
    assertThat(started.location()).endsWith("/api/v1/releases/" + id);
  }

  @Test
  void repeatedStartReturnsTheSameReleaseWithoutASecondWorkflow() {
    String id = uniqueId("repeat");
    Answer first = api.post("/api/v1/releases", releaseBody(id, "3.0.0", 600));
    String runId = runId(id);

    Answer second = api.post("/api/v1/releases", releaseBody(id, "3.0.0", 600));

    assertThat(second.status()).isEqualTo(202);
    assertThat(second.location()).isEqualTo(first.location());
    assertThat(second.text("releaseId")).isEqualTo(id);
    assertThat(runId(id)).isEqualTo(runId);
    assertThat(releaseRows(id)).isEqualTo(1);
  }

  @Test
  void startReusingAnIdForADifferentReleaseIs409AndChangesNothing() {
    String id = uniqueId("conflict");
    api.post("/api/v1/releases", releaseBody(id, "4.0.0", 600));
    String runId = runId(id);

    Answer conflicting = api.post("/api/v1/releases", releaseBody(id, "4.0.1", 600));

    assertThat(conflicting.status()).isEqualTo(409);
    assertThat(conflicting.text("error")).isEqualTo("conflict");
    assertThat(conflicting.text("field")).isEqualTo("releaseId");
    assertThat(conflicting.text("message")).contains(id).contains("4.0.0");
    assertThat(runId(id)).isEqualTo(runId);
    assertThat(api.get("/api/v1/releases/" + id).text("version")).isEqualTo("4.0.0");
  }

  @Test
  void listFiltersByServiceAndStatus() {
    String id = uniqueId("listed");
    api.post(
        "/api/v1/releases",
        """
        {"releaseId": "%s", "service": "payments", "version": "9.9", "strategy": "all-at-once",
         "policy": {"bakeSeconds": 600}}"""
            .formatted(id));

    List<String> payments = ids("/api/v1/releases?service=payments&limit=500");
    List<String> checkout = ids("/api/v1/releases?service=checkout&limit=500");
    List<String> completed = ids("/api/v1/releases?service=payments&status=COMPLETED");
    Answer badStatus = api.get("/api/v1/releases?status=DONE");
    Answer badLimit = api.get("/api/v1/releases?limit=0");

    assertThat(payments).contains(id);
    assertThat(checkout).doesNotContain(id);
    assertThat(completed).doesNotContain(id);
    assertThat(badStatus.status()).isEqualTo(400);
    assertThat(badStatus.text("field")).isEqualTo("status");
    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(badLimit.text("field")).isEqualTo("limit");
  }

  @Test
  void releaseRunsToCompletionAndIsListedAsCompleted() {
    String id = uniqueId("complete");
    api.post(
        "/api/v1/releases",
        """
        {"releaseId": "%s", "service": "payments", "version": "1.2.3", "strategy": "all-at-once",
         "policy": {"gateMode": "per-wave", "bakeSeconds": 1, "minRequestsPerCohort": 0}}"""
            .formatted(id));

    JsonNode done =
        Eventually.await(
                Duration.ofSeconds(40),
                () -> api.get("/api/v1/releases/" + id),
                a -> "COMPLETED".equals(a.text("status")))
            .body();

    assertThat(done.get("waveCount").asInt()).isEqualTo(1);
    assertThat(done.get("waves").get(0).get("status").asText()).isEqualTo("PASSED");
    Eventually.await(
        Duration.ofSeconds(10),
        () -> ids("/api/v1/releases?service=payments&status=COMPLETED"),
        ids -> ids.contains(id));
  }

  @Test
  void unknownReleaseIs404Everywhere() {
    assertThat(api.get("/api/v1/releases/no-such-release").status()).isEqualTo(404);
    assertThat(api.get("/api/v1/releases/no-such-release/audit").status()).isEqualTo(404);
    Answer pause = command("no-such-release", "pause");
    assertThat(pause.status()).isEqualTo(404);
    assertThat(pause.text("error")).isEqualTo("not_found");
    assertThat(api.get("/api/v1/releases/not%20valid").status()).isEqualTo(404);
  }

  @Test
  void commandsFollowTheStateMachineAndEveryOneIsAudited() {
    String id = uniqueId("commands");
    api.post("/api/v1/releases", releaseBody(id, "5.0.0", 600));
    Eventually.await(Duration.ofSeconds(20), () -> statusOf(id), "RUNNING"::equals);

    Answer pause = command(id, "pause");
    assertThat(pause.status()).isEqualTo(200);
    assertThat(pause.text("status")).isEqualTo("PAUSED");

    Answer pauseAgain = command(id, "pause");
    assertThat(pauseAgain.status()).isEqualTo(409);
    assertThat(pauseAgain.text("error")).isEqualTo("invalid_transition");
    assertThat(pauseAgain.text("message")).contains("already paused");
    JsonNode afterRejection = api.get("/api/v1/releases/" + id).body();
    assertThat(afterRejection.get("status").asText()).isEqualTo("PAUSED");
    assertThat(afterRejection.get("commands")).hasSize(1);

    Answer resume = command(id, "resume");
    assertThat(resume.status()).isEqualTo(200);
    assertThat(resume.text("status")).isEqualTo("RUNNING");
    assertThat(command(id, "resume").status()).isEqualTo(409);

    Answer approve = command(id, "approve");
    assertThat(approve.status()).isEqualTo(409);
    assertThat(approve.text("message")).contains("no wave is awaiting approval");

    Answer abort = command(id, "abort");
    assertThat(abort.status()).isEqualTo(200);
    assertThat(abort.text("status")).isIn("ROLLING_BACK", "ABORTED");
    Answer abortAgain = command(id, "abort");
    assertThat(abortAgain.status()).isEqualTo(409);
    assertThat(abortAgain.text("error")).isEqualTo("invalid_transition");

    Answer audit = api.get("/api/v1/releases/" + id + "/audit");
    assertThat(audit.text("nextCursor")).isNull();
    // Operator commands only: what Waveguard records itself (trust feedback once the abort ended
    // the release) may land in between.
    JsonNode entries = operatorEntries(audit.body().get("entries"));
    assertThat(column(entries, "action"))
        .containsExactly("pause", "pause", "resume", "resume", "approve", "abort", "abort");
    assertThat(column(entries, "outcome"))
        .containsExactly(
            "ACCEPTED", "REJECTED", "ACCEPTED", "REJECTED", "REJECTED", "ACCEPTED", "REJECTED");
    assertThat(entries.get(1).get("detail").asText()).contains("already paused");
    // Who the token says, not the "alice" of the body.
    assertThat(entries.get(0).get("operator").asText()).isEqualTo(TestTokens.ADMIN_NAME);
    assertThat(entries.get(0).get("reason").asText()).isEqualTo("testing pause");
    Eventually.await(Duration.ofSeconds(20), () -> statusOf(id), "ABORTED"::equals);
  }

  private static JsonNode operatorEntries(JsonNode entries) {
    ArrayNode byOperators = JsonNodeFactory.instance.arrayNode();
    entries.forEach(
        entry -> {
          if (!entry.get("operator").asText().equals("waveguard")) {
            byOperators.add(entry);
          }
        });
    return byOperators;
  }

  @Test
  void commandsNeedAReasonButNoOperatorName() {
    String id = uniqueId("needs-who");
    // It waits rather than answer 409 while an earlier test's release still lets go of the
    // targets: the release must exist for its audit log to be read below.
    Answer started =
        api.post(
            "/api/v1/releases",
            """
            {"releaseId": "%s", "service": "%s", "version": "6.0.0", "strategy": "waves",
             "policy": {"bakeSeconds": 600, "whenTargetsHeld": "wait"}}"""
                .formatted(id, SERVICE));
    assertThat(started.status()).as(started.body().toString()).isEqualTo(202);

    Answer noReason = api.post("/api/v1/releases/" + id + "/pause", "{\"operator\": \"bob\"}");
    Answer blankReason =
        api.post(
            "/api/v1/releases/" + id + "/pause", "{\"operator\": \"bob\", \"reason\": \"  \"}");
    Answer unknownAction =
        api.post(
            "/api/v1/releases/" + id + "/restart", "{\"operator\": \"bob\", \"reason\": \"x\"}");

    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.text("field")).isEqualTo("reason");
    assertThat(blankReason.status()).isEqualTo(400);
    assertThat(blankReason.text("field")).isEqualTo("reason");
    assertThat(unknownAction.status()).isEqualTo(404);
    assertThat(api.get("/api/v1/releases/" + id + "/audit").body().get("entries")).isEmpty();
    command(id, "abort");
    Eventually.await(Duration.ofSeconds(20), () -> statusOf(id), "ABORTED"::equals);
  }

  /** The spec the workflow was started with: the input of its first history event. */
  /**
   * The started workflow's input. A first start answers 202 without waiting for the workflow's
   * first task, and Temporal's Java test server may answer a history read that comes at once with
   * NOT_FOUND: such a read is tried again for a few seconds.
   */
  private static ReleaseSpec startedInput(String releaseId) {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        return startedInputOnce(releaseId);
      } catch (io.grpc.StatusRuntimeException e) {
        if (e.getStatus().getCode() != io.grpc.Status.Code.NOT_FOUND
            || System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static ReleaseSpec startedInputOnce(String releaseId) {
    Payloads input =
        app.temporal()
            .fetchHistory(ReleaseSpec.workflowIdFor(releaseId))
            .getEvents()
            .get(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getInput();
    return app.temporal()
        .getOptions()
        .getDataConverter()
        .fromPayloads(0, Optional.of(input), ReleaseSpec.class, ReleaseSpec.class);
  }

  private static int releaseRows(String id) {
    return app.jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM releases WHERE release_id = :id")
                    .bind("id", id)
                    .mapTo(Integer.class)
                    .one());
  }

  /** The release ids of every page of a listing, following nextCursor from the first page. */
  private static List<String> ids(String listing) {
    List<String> ids = new ArrayList<>();
    Answer page = api.get(listing);
    ids.addAll(column(page.body().get("releases"), "releaseId"));
    while (page.text("nextCursor") != null) {
      page =
          api.get(
              listing
                  + "&cursor="
                  + URLEncoder.encode(page.text("nextCursor"), StandardCharsets.UTF_8));
      ids.addAll(column(page.body().get("releases"), "releaseId"));
    }
    return ids;
  }

  private static List<String> column(JsonNode array, String field) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(node -> node.get(field).asText())
        .toList();
  }
}
