package io.waveguard.workflows.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.worker.Worker;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.OperatorCommand;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Strategy;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.WaveStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReleaseWorkflowTest {

  private static final ReleasePolicy POLICY = ReleasePolicy.defaults().withBakeSeconds(600);
  private static final OperatorCommand ALICE = new OperatorCommand("alice", "testing");

  private final InMemoryReleaseActivities.Fleet fleet = InMemoryReleaseActivities.Fleet.ofTiers(5);
  private ReleaseTestEnvironment temporal;

  @AfterEach
  void close() {
    if (temporal != null) {
      temporal.close();
    }
  }

  private ReleaseWorkflow start(
      String id, InMemoryReleaseActivities activities, ReleasePolicy policy) {
    temporal = new ReleaseTestEnvironment().start(activities);
    return temporal.startRelease(ReleaseTestEnvironment.spec(id, Strategy.TRUST_WEIGHTED, policy));
  }

  private ReleaseWorkflow start(String id, Object activities, Strategy strategy) {
    temporal = new ReleaseTestEnvironment().start(activities);
    return temporal.startRelease(ReleaseTestEnvironment.spec(id, strategy, POLICY));
  }

  /**
   * deploy:1, gate:1, then before every later wave replan:N (when re-planning), deploy:N, gate:N.
   */
  private static List<String> wavesCalls(int waveCount, boolean replans) {
    List<String> calls = new ArrayList<>();
    for (int wave = 1; wave <= waveCount; wave++) {
      if (replans && wave > 1) {
        calls.add("replan:" + wave);
      }
      calls.add("deploy:" + wave);
      calls.add("gate:" + wave);
    }
    return calls;
  }

  private ReleaseState result(String id) {
    return temporal.client().newUntypedWorkflowStub("release-" + id).getResult(ReleaseState.class);
  }

  @Test
  void completesAGoodReleaseWaveByWave() {
    start("good", new InMemoryReleaseActivities(fleet), POLICY);

    ReleaseState done = result("good");

    assertThat(done.status()).isEqualTo(ReleaseStatus.COMPLETED);
    assertThat(done.waveCount()).isGreaterThanOrEqualTo(4);
    assertThat(done.waves()).allMatch(w -> w.status() == WaveStatus.PASSED);
    assertThat(fleet.deployCounts).hasSize(20).allSatisfy((target, n) -> assertThat(n).isOne());
    assertThat(fleet.rollbackCounts).isEmpty();
    assertThat(fleet.snapshots.get(fleet.snapshots.size() - 1).status())
        .isEqualTo(ReleaseStatus.COMPLETED);
  }

  @Test
  void rollsBackWavesInReverseOrderWhenAGateFails() {
    InMemoryReleaseActivities activities =
        new InMemoryReleaseActivities(fleet)
            .gateVerdicts(wave -> wave == 3 ? GateVerdict.FAIL : GateVerdict.PASS);
    start("bad", activities, POLICY);

    ReleaseState done = result("bad");

    assertThat(done.status()).isEqualTo(ReleaseStatus.ROLLED_BACK);
    assertThat(done.outcomeReason()).contains("gate failed on wave 3");
    assertThat(fleet.calls)
        .containsExactly(
            "deploy:1",
            "gate:1",
            "replan:2",
            "deploy:2",
            "gate:2",
            "replan:3",
            "deploy:3",
            "gate:3",
            "rollback:3",
            "rollback:2",
            "rollback:1",
            "outcome:ROLLED_BACK");
    assertThat(done.waves().subList(0, 3)).allMatch(w -> w.status() == WaveStatus.ROLLED_BACK);
    assertThat(done.waves().get(3).status()).isEqualTo(WaveStatus.PENDING);
  }

  @Test
  void pauseDuringBakeHoldsTheNextDeployUntilResume() {
    ReleaseWorkflow release = start("paused", new InMemoryReleaseActivities(fleet), POLICY);
    temporal.env.sleep(Duration.ofSeconds(60));
    assertThat(release.state().waves().get(0).status()).isEqualTo(WaveStatus.BAKING);

    ReleaseState paused = release.pause(ALICE);
    assertThat(paused.status()).isEqualTo(ReleaseStatus.PAUSED);

    temporal.env.sleep(Duration.ofHours(2));
    ReleaseState held = release.state();
    assertThat(held.status()).isEqualTo(ReleaseStatus.PAUSED);
    assertThat(held.waves().get(0).status()).isEqualTo(WaveStatus.PASSED);
    assertThat(held.waves().get(1).status()).isEqualTo(WaveStatus.PENDING);
    assertThat(held.waitingFor()).contains("operator resume");
    // The gate passed during the pause, so the re-plan before wave 2 ran; its deploy waits.
    assertThat(fleet.calls).containsExactly("deploy:1", "gate:1", "replan:2");

    release.resume(ALICE);

    assertThat(result("paused").status()).isEqualTo(ReleaseStatus.COMPLETED);
    assertThat(fleet.calls).contains("deploy:2");
  }

  @Test
  void abortRollsBackEverythingDeployed() {
    ReleaseWorkflow release = start("aborted", new InMemoryReleaseActivities(fleet), POLICY);
    temporal.env.sleep(Duration.ofMinutes(15));
    assertThat(release.state().currentWave()).isEqualTo(2);

    ReleaseState aborting = release.abort(new OperatorCommand("bob", "customer complaints"));
    assertThat(aborting.status()).isIn(ReleaseStatus.ROLLING_BACK, ReleaseStatus.ABORTED);

    ReleaseState done = result("aborted");
    assertThat(done.status()).isEqualTo(ReleaseStatus.ABORTED);
    assertThat(done.outcomeReason()).contains("bob").contains("customer complaints");
    assertThat(fleet.calls).endsWith("rollback:2", "rollback:1", "outcome:ABORTED");
    assertThat(fleet.rollbackCounts.keySet()).isEqualTo(fleet.deployCounts.keySet());
    assertThat(done.commands())
        .singleElement()
        .extracting(OperatorCommandRecord::operator)
        .isEqualTo("bob");
  }

  @Test
  void anApprovalGatedTierWaitsForApprove() {
    ReleasePolicy gated = POLICY.withApprovalTiers(List.of(Tier.SAFETY_CRITICAL));
    ReleaseWorkflow release = start("gated", new InMemoryReleaseActivities(fleet), gated);
    temporal.env.sleep(Duration.ofDays(1));

    ReleaseState waiting = release.state();
    assertThat(waiting.status()).isEqualTo(ReleaseStatus.AWAITING_APPROVAL);
    assertThat(waiting.waitingFor()).contains("approval of tier safety-critical");
    int gatedWave = waiting.currentWave();
    assertThat(waiting.waves().get(gatedWave - 1).highestTier()).isEqualTo(Tier.SAFETY_CRITICAL);
    assertThat(fleet.calls).doesNotContain("deploy:" + gatedWave);

    release.approve(new OperatorCommand("carol", "change ticket CHG-42"));

    assertThat(result("gated").status()).isEqualTo(ReleaseStatus.COMPLETED);
    assertThat(fleet.calls).contains("deploy:" + gatedWave);
  }

  @Test
  void invalidCommandsAreRejectedAndChangeNothing() {
    ReleaseWorkflow release = start("strict", new InMemoryReleaseActivities(fleet), POLICY);
    temporal.env.sleep(Duration.ofSeconds(60));
    ReleaseState before = release.state();

    assertThatThrownBy(() -> release.resume(ALICE))
        .isInstanceOf(WorkflowUpdateException.class)
        .hasStackTraceContaining("release is not paused");
    assertThatThrownBy(() -> release.approve(ALICE))
        .isInstanceOf(WorkflowUpdateException.class)
        .hasStackTraceContaining("no wave is awaiting approval");
    assertThatThrownBy(() -> release.pause(new OperatorCommand("", "no operator")))
        .isInstanceOf(WorkflowUpdateException.class)
        .hasStackTraceContaining("operator and reason are required");

    assertThat(release.state()).isEqualTo(before);
    WorkflowStub untyped = WorkflowStub.fromTyped(release);
    release.abort(ALICE);
    assertThat(untyped.getResult(ReleaseState.class).status()).isEqualTo(ReleaseStatus.ABORTED);
    assertThatThrownBy(() -> release.abort(ALICE)).isInstanceOf(RuntimeException.class);
  }

  @Test
  void historyGrowsWithWavesNotWithTargets() {
    InMemoryReleaseActivities.Fleet big = InMemoryReleaseActivities.Fleet.ofTiers(500);
    start("big", new InMemoryReleaseActivities(big), POLICY);

    assertThat(result("big").status()).isEqualTo(ReleaseStatus.COMPLETED);

    List<HistoryEvent> events =
        temporal.client().fetchHistory("release-big").getHistory().getEventsList();
    assertThat(big.deployCounts).hasSize(2_000);
    assertThat(events).hasSizeLessThan(500);
    assertThat(events).allSatisfy(e -> assertThat(e.getSerializedSize()).isLessThan(256 * 1024));
  }

  // ---- trust engine (v1): re-planning between waves and outcome feedback ----------------------

  @Test
  void aTrustWeightedReleaseReplansBeforeEveryWaveAfterTheFirstAndRecordsItsOutcome() {
    start("replans", new InMemoryReleaseActivities(fleet), POLICY);

    ReleaseState done = result("replans");

    assertThat(done.status()).isEqualTo(ReleaseStatus.COMPLETED);
    List<String> expected = new ArrayList<>(wavesCalls(done.waveCount(), true));
    expected.add("outcome:COMPLETED");
    assertThat(fleet.calls).containsExactlyElementsOf(expected);
    assertThat(fleet.calls).contains("replan:2").doesNotContain("replan:1");
    assertThat(fleet.deployCounts).hasSize(20).allSatisfy((target, n) -> assertThat(n).isOne());
  }

  @Test
  void aCanaryReleaseNeverReplansButStillRecordsItsOutcome() {
    start("canary", new InMemoryReleaseActivities(fleet), Strategy.CANARY);

    ReleaseState done = result("canary");

    assertThat(done.status()).isEqualTo(ReleaseStatus.COMPLETED);
    assertThat(done.waveCount()).isGreaterThan(1);
    List<String> expected = new ArrayList<>(wavesCalls(done.waveCount(), false));
    expected.add("outcome:COMPLETED");
    assertThat(fleet.calls).containsExactlyElementsOf(expected);
    assertThat(fleet.calls).noneMatch(call -> call.startsWith("replan:"));
  }

  @Test
  void aRolledBackCanaryReleaseRecordsItsOutcomeToo() {
    start(
        "canary-bad",
        new InMemoryReleaseActivities(fleet)
            .gateVerdicts(wave -> wave == 2 ? GateVerdict.FAIL : GateVerdict.PASS),
        Strategy.CANARY);

    ReleaseState done = result("canary-bad");

    assertThat(done.status()).isEqualTo(ReleaseStatus.ROLLED_BACK);
    assertThat(fleet.calls)
        .containsExactly(
            "deploy:1",
            "gate:1",
            "deploy:2",
            "gate:2",
            "rollback:2",
            "rollback:1",
            "outcome:ROLLED_BACK");
  }

  @Test
  void aReplanHoldPausesTheReleaseBeforeThatWaveUntilAnOperatorResumes() {
    String hold = "wave 3 enters tier finance-critical, which needs deployed cohort trust >= 0.700";
    InMemoryReleaseActivities activities =
        new InMemoryReleaseActivities(fleet).replanHolds(wave -> wave == 3 ? hold : null);
    ReleaseWorkflow release = start("held", activities, POLICY);
    temporal.env.sleep(Duration.ofDays(1));

    ReleaseState held = release.state();
    assertThat(held.status()).isEqualTo(ReleaseStatus.PAUSED);
    assertThat(held.pauseReason()).isEqualTo(hold);
    assertThat(held.currentWave()).isEqualTo(3);
    assertThat(held.waitingFor()).contains("operator resume before wave 3");
    assertThat(held.waves().subList(0, 2)).allMatch(w -> w.status() == WaveStatus.PASSED);
    assertThat(held.waves().get(2).status()).isEqualTo(WaveStatus.PENDING);
    assertThat(fleet.calls)
        .containsExactly("deploy:1", "gate:1", "replan:2", "deploy:2", "gate:2", "replan:3");

    ReleaseState resumed = release.resume(new OperatorCommand("dave", "cohort reviewed"));
    assertThat(resumed.pauseReason()).isNull();

    ReleaseState done = result("held");
    assertThat(done.status()).isEqualTo(ReleaseStatus.COMPLETED);
    assertThat(fleet.calls).contains("deploy:3").endsWith("outcome:COMPLETED");
    assertThat(done.commands())
        .singleElement()
        .extracting(OperatorCommandRecord::operator)
        .isEqualTo("dave");
  }

  @Test
  void aReplanHoldCanBeAbortedAndRollsBackWhatWasDeployed() {
    InMemoryReleaseActivities activities =
        new InMemoryReleaseActivities(fleet).replanHolds(wave -> wave == 2 ? "not enough" : null);
    ReleaseWorkflow release = start("held-abort", activities, POLICY);
    temporal.env.sleep(Duration.ofDays(1));
    assertThat(release.state().status()).isEqualTo(ReleaseStatus.PAUSED);

    release.abort(new OperatorCommand("erin", "trust too low"));

    ReleaseState done = result("held-abort");
    assertThat(done.status()).isEqualTo(ReleaseStatus.ABORTED);
    assertThat(fleet.calls)
        .containsExactly("deploy:1", "gate:1", "replan:2", "rollback:1", "outcome:ABORTED");
  }

  @Test
  void aFailedReplanHoldsTheReleaseOnTheStoredPlanUntilResumed() {
    FaultInjectingActivities activities =
        new FaultInjectingActivities(fleet).failReplanBefore(wave -> wave == 2);
    ReleaseWorkflow release = start("replan-failed", activities, Strategy.TRUST_WEIGHTED);
    temporal.env.sleep(Duration.ofDays(1));

    ReleaseState held = release.state();
    assertThat(held.status()).isEqualTo(ReleaseStatus.PAUSED);
    assertThat(held.pauseReason())
        .isEqualTo(
            "re-plan before wave 2 failed ("
                + FaultInjectingActivities.REPLAN_FAILURE
                + "); the stored plan stands");
    assertThat(fleet.calls).containsExactly("deploy:1", "gate:1", "replan-failed:2");

    release.resume(ALICE);

    assertThat(result("replan-failed").status()).isEqualTo(ReleaseStatus.COMPLETED);
    assertThat(fleet.calls).contains("deploy:2", "replan:3").endsWith("outcome:COMPLETED");
  }

  @Test
  void aFailedOutcomeFeedbackDoesNotChangeHowTheReleaseEnded() {
    start(
        "feedback-failed",
        new FaultInjectingActivities(fleet).failOutcomes(),
        Strategy.TRUST_WEIGHTED);

    ReleaseState done = result("feedback-failed");

    assertThat(done.status()).isEqualTo(ReleaseStatus.COMPLETED);
    assertThat(fleet.calls).endsWith("outcome-failed:COMPLETED");
    assertThat(fleet.snapshots.get(fleet.snapshots.size() - 1).status())
        .isEqualTo(ReleaseStatus.COMPLETED);
  }

  /**
   * Starts a release while no worker polls, queues an abortRequested signal (stored by the server,
   * "abort without a worker"), then starts the worker; the release's result, or null when it does
   * not finish within 10 seconds.
   */
  private ReleaseState abortQueuedBeforeTheFirstWorkflowTask(String id, Strategy strategy) {
    temporal = new ReleaseTestEnvironment();
    Worker worker = temporal.env.newWorker(ReleaseTestEnvironment.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(ReleaseWorkflowImpl.class);
    worker.registerActivitiesImplementations(new InMemoryReleaseActivities(fleet));
    ReleaseWorkflow release =
        ReleaseTestEnvironment.startRelease(
            temporal.client(), ReleaseTestEnvironment.spec(id, strategy, POLICY));
    release.requestAbort(new OperatorCommand("frank", "wrong version"));
    temporal.env.start();
    try {
      return WorkflowStub.fromTyped(release).getResult(10, TimeUnit.SECONDS, ReleaseState.class);
    } catch (TimeoutException stuck) {
      return null;
    }
  }

  @Test
  void anAbortQueuedBeforeACanaryReleaseRanEndsItAbortedWithoutDeploying() throws Exception {
    ReleaseState done = abortQueuedBeforeTheFirstWorkflowTask("early-canary", Strategy.CANARY);

    assertThat(done).isNotNull();
    assertThat(done.status()).isEqualTo(ReleaseStatus.ABORTED);
    assertThat(fleet.calls).isEmpty();
  }

  /**
   * Fails today (bug): the queued signal is handled before run() reaches enableReplanning(), the
   * abort moves the machine to DONE, enableReplanning() throws IllegalStateException ("re-planning
   * can only be enabled before planning") and every workflow task attempt fails the same way, so
   * the release never ends.
   */
  @Test
  void anAbortQueuedBeforeATrustWeightedReleaseRanEndsItAbortedWithoutDeploying() throws Exception {
    ReleaseState done =
        abortQueuedBeforeTheFirstWorkflowTask("early-trust", Strategy.TRUST_WEIGHTED);

    assertThat(done)
        .as("release finished instead of failing its workflow task over and over")
        .isNotNull();
    assertThat(done.status()).isEqualTo(ReleaseStatus.ABORTED);
    assertThat(done.outcomeReason()).contains("frank").contains("wrong version");
    assertThat(fleet.calls).isEmpty();
  }
}
