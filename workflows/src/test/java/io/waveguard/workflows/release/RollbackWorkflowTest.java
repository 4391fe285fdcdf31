package io.waveguard.workflows.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.worker.WorkerOptions;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.OperatorCommand;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Strategy;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.WaveStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rollbacks that fail part-way, retried rollbacks, and aborts that stop a deploy in flight. */
class RollbackWorkflowTest {

  private static final ReleasePolicy POLICY = ReleasePolicy.defaults().withBakeSeconds(600);
  private static final OperatorCommand FIXED = new OperatorCommand("carol", "webhook token fixed");

  private final InMemoryReleaseActivities.Fleet fleet = InMemoryReleaseActivities.Fleet.ofTiers(5);
  private ReleaseTestEnvironment temporal;

  @AfterEach
  void close() {
    if (temporal != null) {
      temporal.close();
    }
  }

  @Test
  void aFailedWaveRollbackRollsTheOtherWavesBackNamesWhatIsLeftAndARetryFinishesIt() {
    FaultInjectingActivities activities =
        new FaultInjectingActivities(
                fleet,
                new InMemoryReleaseActivities(fleet)
                    .gateVerdicts(wave -> wave == 3 ? GateVerdict.FAIL : GateVerdict.PASS))
            .failRollbackOf(wave -> wave == 2);
    ReleaseWorkflow release = start("half-undone", activities, WorkerOptions.getDefaultInstance());

    ReleaseState incomplete =
        awaitState(release, s -> s.status() == ReleaseStatus.ROLLBACK_INCOMPLETE);

    List<String> waveTwo = targetIds("half-undone", 2);
    assertThat(fleet.calls)
        .containsSubsequence("rollback:3", "rollback-failed:2", "rollback:1", "list-stranded");
    assertThat(incomplete.strandedTargets().targetIds()).isEqualTo(waveTwo);
    assertThat(incomplete.outcomeReason())
        .contains("gate failed on wave 3")
        .contains("wave 2: " + FaultInjectingActivities.ROLLBACK_FAILURE)
        .contains(String.join(", ", waveTwo) + " still run the new build");
    assertThat(incomplete.waves().get(1).status()).isEqualTo(WaveStatus.ROLLBACK_FAILED);
    assertThat(incomplete.waitingFor()).contains("operator retry-rollback");
    assertThat(activityTypes("half-undone")).contains("ListStrandedTargets");
    assertThatThrownBy(() -> release.resume(FIXED))
        .hasStackTraceContaining("rollback is incomplete");

    activities.failRollbackOf(wave -> false);
    release.retryRollback(FIXED);

    ReleaseState done = result("half-undone");
    assertThat(done.status()).isEqualTo(ReleaseStatus.ROLLED_BACK);
    assertThat(done.outcomeReason()).contains("rollback retried by carol: webhook token fixed");
    assertThat(done.strandedTargets().isEmpty()).isTrue();
    assertThat(fleet.calls).endsWith("list-stranded", "rollback:2", "outcome:ROLLED_BACK");
    assertThat(fleet.rollbackCounts).isEqualTo(fleet.deployCounts);
    assertThat(done.commands())
        .singleElement()
        .satisfies(c -> assertThat(c.operator()).isEqualTo("carol"));
  }

  @Test
  void retryRollbackIsRefusedWhileNoRollbackHasFailed() {
    ReleaseWorkflow release =
        start("running", new InMemoryReleaseActivities(fleet), WorkerOptions.getDefaultInstance());
    awaitState(release, s -> s.status() == ReleaseStatus.RUNNING);

    assertThatThrownBy(() -> release.retryRollback(FIXED))
        .hasStackTraceContaining("no rollback of this release has failed");
    assertThatThrownBy(() -> release.retryRollback(new OperatorCommand("carol", " ")))
        .hasStackTraceContaining("operator and reason are required");
    assertThat(release.state().commands()).isEmpty();
  }

  @Test
  void anAbortFencesADeployInFlightWhichStopsAtItsNextTargetBeforeTheRollback() {
    FaultInjectingActivities activities =
        new FaultInjectingActivities(fleet).deployOneTargetAt(Duration.ofMillis(200));
    ReleaseWorkflow release =
        start("fenced", activities, WorkerOptions.getDefaultInstance(), Strategy.ALL_AT_ONCE);
    awaitCall("deploy-target:");

    release.abort(new OperatorCommand("dave", "wrong build"));

    ReleaseState done = result("fenced");
    assertThat(done.status()).isEqualTo(ReleaseStatus.ABORTED);
    List<String> calls = calls();
    assertThat(calls).containsSubsequence("fence", "deploy-fenced:1", "rollback:1");
    assertThat(calls.indexOf("rollback:1")).isGreaterThan(calls.lastIndexOf(lastDeployedCall()));
    // All at once is one wave of all 20 targets: the abort stopped it part-way.
    assertThat(fleet.deployCounts.size()).isBetween(1, 19);
  }

  @Test
  void aDeployStuckPastTheGraceIsCancelledAndStopsAtItsNextHeartbeatBeforeTheRollback() {
    FaultInjectingActivities activities =
        new FaultInjectingActivities(fleet)
            .deployOneTargetAt(Duration.ofSeconds(1))
            .deployIgnoresFence();
    // Heartbeats reach the server at once rather than every 48 s, so the cancel is noticed soon.
    WorkerOptions prompt =
        WorkerOptions.newBuilder().setMaxHeartbeatThrottleInterval(Duration.ofMillis(50)).build();
    ReleaseWorkflow release = start("stuck", activities, prompt, Strategy.ALL_AT_ONCE);
    awaitCall("deploy-target:");

    release.abort(new OperatorCommand("dave", "wrong build"));

    ReleaseState done = result("stuck");
    assertThat(done.status()).isEqualTo(ReleaseStatus.ABORTED);
    List<String> calls = calls();
    assertThat(calls).containsSubsequence("fence", "deploy-cancelled:1", "rollback:1");
    assertThat(calls.indexOf("rollback:1")).isGreaterThan(calls.lastIndexOf(lastDeployedCall()));
    // 20 targets at a second each; the 15-second grace ends it before the last.
    assertThat(fleet.deployCounts.size()).isBetween(1, 19);
  }

  private String lastDeployedCall() {
    List<String> deploys = calls().stream().filter(c -> c.startsWith("deploy-target:")).toList();
    return deploys.get(deploys.size() - 1);
  }

  private ReleaseWorkflow start(String id, Object activities, WorkerOptions options) {
    return start(id, activities, options, Strategy.TRUST_WEIGHTED);
  }

  private ReleaseWorkflow start(
      String id, Object activities, WorkerOptions options, Strategy strategy) {
    temporal = new ReleaseTestEnvironment().start(activities, options);
    return temporal.startRelease(ReleaseTestEnvironment.spec(id, strategy, POLICY));
  }

  private ReleaseState awaitState(ReleaseWorkflow release, Predicate<ReleaseState> condition) {
    for (int i = 0; i < 600; i++) {
      ReleaseState state = release.state();
      if (condition.test(state)) {
        return state;
      }
      temporal.env.sleep(Duration.ofSeconds(30));
    }
    throw new AssertionError("release never reached the expected state: " + release.state());
  }

  private void awaitCall(String prefix) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (calls().stream().noneMatch(c -> c.startsWith(prefix))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no call " + prefix + " in " + fleet.calls);
      }
      sleep(Duration.ofMillis(10));
    }
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The calls so far; the worker's threads keep adding to the list. */
  private List<String> calls() {
    synchronized (fleet.calls) {
      return List.copyOf(fleet.calls);
    }
  }

  private List<String> targetIds(String releaseId, int wave) {
    return fleet.plans.get(releaseId).get(wave - 1).targets().stream().map(Target::id).toList();
  }

  private List<String> activityTypes(String releaseId) {
    return temporal
        .client()
        .fetchHistory("release-" + releaseId)
        .getHistory()
        .getEventsList()
        .stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .map(HistoryEvent::getActivityTaskScheduledEventAttributes)
        .map(a -> a.getActivityType().getName())
        .toList();
  }

  private ReleaseState result(String id) {
    return temporal.client().newUntypedWorkflowStub("release-" + id).getResult(ReleaseState.class);
  }
}
