package io.waveguard.workflows.release;

import io.temporal.client.WorkflowStub;
import io.temporal.worker.WorkerOptions;
import io.waveguard.policy.calendar.Blackout;
import io.waveguard.policy.calendar.ChangeCalendar;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.NotificationEvent;
import io.waveguard.policy.model.NotificationWebhook;
import io.waveguard.policy.model.OperatorCommand;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.SequentialGatePolicy;
import io.waveguard.policy.model.Strategy;
import io.waveguard.policy.model.TargetsHeldPolicy;
import io.waveguard.policy.model.Tier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Records the release histories that {@link ReleaseReplayTest} replays. Run it only when the
 * workflow changed on purpose and the old histories were kept replaying with {@code getVersion}:
 * new files are added next to the old ones, never instead of them.
 *
 * <pre>
 * ./mvnw -q -pl workflows test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp workflows/target/test-classes:workflows/target/classes:$(cat workflows/target/cp.txt) \
 *   io.waveguard.workflows.release.ReleaseHistoryRecorder workflows/src/test/resources/histories
 * </pre>
 */
public final class ReleaseHistoryRecorder {

  private static final ReleasePolicy POLICY = ReleasePolicy.defaults().withBakeSeconds(600);

  private ReleaseHistoryRecorder() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    // Before the trust engine (no getVersion marker): kept as recorded, never re-recorded.
    record(dir, "completed", wave -> GateVerdict.PASS, NO_HOLD, false);
    record(
        dir,
        "rolled-back",
        wave -> wave == 3 ? GateVerdict.FAIL : GateVerdict.PASS,
        NO_HOLD,
        false);
    record(dir, "paused-resumed", wave -> GateVerdict.PASS, NO_HOLD, true);
    // trust-engine version 1: re-planning between waves and outcome feedback.
    record(dir, "trust-completed", wave -> GateVerdict.PASS, NO_HOLD, false);
    record(
        dir,
        "trust-rolled-back",
        wave -> wave == 3 ? GateVerdict.FAIL : GateVerdict.PASS,
        NO_HOLD,
        false);
    record(
        dir,
        "trust-tier-hold",
        wave -> GateVerdict.PASS,
        wave -> wave == 4 ? "cohort trust 0.41 below the finance-critical threshold 0.7" : null,
        true);
    // sequential-gate version 1: a verdict after every period, adaptive bakes.
    recordSequential(dir, "sequential-early-pass", (wave, period, tier) -> GateVerdict.PASS, false);
    recordSequential(
        dir,
        "sequential-early-fail",
        (wave, period, tier) -> wave == 2 ? GateVerdict.FAIL : GateVerdict.PASS,
        false);
    recordSequential(
        dir,
        "sequential-max-bake-pause",
        (wave, period, tier) -> wave == 2 ? GateVerdict.INCONCLUSIVE : GateVerdict.PASS,
        true);
    recordSequential(
        dir,
        "sequential-tier-entry-hold",
        (wave, period, tier) ->
            tier == Tier.FINANCE_CRITICAL && period < 6
                ? GateVerdict.INCONCLUSIVE
                : GateVerdict.PASS,
        false);
    // async-read-model version 1: snapshots written beside the release, one at a time.
    recordSequential(
        dir,
        "async-read-model-rolled-back",
        (wave, period, tier) -> wave == 3 && period == 1 ? GateVerdict.FAIL : GateVerdict.PASS,
        false);
    // pause-before-completion version 1: a pause in the last bake holds the release until resumed.
    recordWith(
        dir,
        "pause-before-completion",
        new InMemoryReleaseActivities(InMemoryReleaseActivities.Fleet.ofTiers(5))
            .sequentialVerdicts((wave, period, tier) -> GateVerdict.PASS),
        SEQUENTIAL,
        (temporal, release) -> {
          ReleaseState state = release.state();
          while (state.waveCount() == 0 || state.currentWave() < state.waveCount()) {
            temporal.env.sleep(Duration.ofSeconds(30));
            state = release.state();
          }
          release.pause(new OperatorCommand("alice", "holding for the change board"));
          temporal.env.sleep(Duration.ofMinutes(30));
          release.resume(new OperatorCommand("alice", "change board approved"));
        });
    // complete-rollback version 1: a failed wave rollback goes on below, then retry-rollback.
    InMemoryReleaseActivities.Fleet halfUndone = InMemoryReleaseActivities.Fleet.ofTiers(5);
    FaultInjectingActivities rollbackFails =
        new FaultInjectingActivities(
                halfUndone,
                new InMemoryReleaseActivities(halfUndone)
                    .sequentialVerdicts(
                        (wave, period, tier) -> wave == 3 ? GateVerdict.FAIL : GateVerdict.PASS))
            .failRollbackOf(wave -> wave == 2);
    recordWith(
        dir,
        "rollback-incomplete-retried",
        rollbackFails,
        WorkerOptions.getDefaultInstance(),
        Strategy.TRUST_WEIGHTED,
        SEQUENTIAL,
        (temporal, release) -> {
          while (release.state().status() != ReleaseStatus.ROLLBACK_INCOMPLETE) {
            temporal.env.sleep(Duration.ofMinutes(1));
          }
          rollbackFails.failRollbackOf(wave -> false);
          release.retryRollback(new OperatorCommand("carol", "deploy webhook token rotated"));
        });
    // cancellable-deploy version 1: an abort cancels the deploy in flight, then rolls back.
    InMemoryReleaseActivities.Fleet slowFleet = InMemoryReleaseActivities.Fleet.ofTiers(5);
    recordWith(
        dir,
        "abort-cancels-deploy",
        new FaultInjectingActivities(slowFleet).deployOneTargetAt(Duration.ofMillis(200)),
        WorkerOptions.newBuilder().setMaxHeartbeatThrottleInterval(Duration.ofMillis(50)).build(),
        Strategy.ALL_AT_ONCE,
        SEQUENTIAL,
        (temporal, release) -> {
          // The first target is deployed: the wave is in flight (a concurrent map, safe to poll).
          while (slowFleet.deployCounts.isEmpty()) {
            Thread.onSpinWait();
          }
          release.abort(new OperatorCommand("dave", "wrong build tagged"));
        });
    // cancellable-deploy version 2: an abort fences the deploy, which stops at its next target.
    InMemoryReleaseActivities.Fleet fencedFleet = InMemoryReleaseActivities.Fleet.ofTiers(5);
    recordWith(
        dir,
        "abort-fences-deploy",
        new FaultInjectingActivities(fencedFleet).deployOneTargetAt(Duration.ofMillis(200)),
        WorkerOptions.getDefaultInstance(),
        Strategy.ALL_AT_ONCE,
        SEQUENTIAL,
        (temporal, release) -> {
          while (fencedFleet.deployCounts.isEmpty()) {
            Thread.onSpinWait();
          }
          release.abort(new OperatorCommand("dave", "wrong build tagged"));
        });
    // continue-as-new version 1: the first run of a release of one-target waves, which hands
    // over to a second run once its history reaches its budget.
    recordFirstRun(dir, "continued-as-new");
    // target-holds version 1: a release that waits for targets another release holds.
    recordWaitingForTargets(dir, "target-holds-waited");
    // readable-history version 1: read-model writes that say what they record, no idle timer.
    recordSequential(
        dir, "readable-history-completed", (wave, period, tier) -> GateVerdict.PASS, false);
    // change-windows version 1: a blackout that begins a few waves in; the release waits it out.
    LocalDateTime now =
        LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
    recordWith(
        dir,
        "change-window-waited",
        new InMemoryReleaseActivities(InMemoryReleaseActivities.Fleet.ofTiers(5))
            .sequentialVerdicts((wave, period, tier) -> GateVerdict.PASS),
        SEQUENTIAL.withChangeCalendar(
            new ChangeCalendar(
                "UTC",
                List.of(),
                List.of(new Blackout(now.plusMinutes(10), now.plusHours(2), "maintenance")))),
        (temporal, release) -> {});
    // approval-every-tier version 1: a waves release whose mixed wave waits for its approval.
    recordWith(
        dir,
        "approval-every-tier-approved",
        new InMemoryReleaseActivities(InMemoryReleaseActivities.Fleet.ofTiers(5))
            .sequentialVerdicts((wave, period, tier) -> GateVerdict.PASS),
        WorkerOptions.getDefaultInstance(),
        Strategy.WAVES,
        SEQUENTIAL.withApprovalTiers(List.of(Tier.FINANCE_CRITICAL)),
        (temporal, release) -> {
          while (release.state().status() != ReleaseStatus.AWAITING_APPROVAL) {
            temporal.env.sleep(Duration.ofMinutes(1));
          }
          release.approve(new OperatorCommand("carol", "finance-critical cells reviewed"));
        });
    // notifications version 1: two webhooks told of the start, a pause, an approval, each passed
    // wave and the end; one of them is down, so its deliveries are given up and audited.
    RecordingNotifications told = new RecordingNotifications();
    told.down.add("pager");
    recordWithAll(
        dir,
        "notifications-told",
        WorkerOptions.getDefaultInstance(),
        Strategy.WAVES,
        SEQUENTIAL
            .withApprovalTiers(List.of(Tier.FINANCE_CRITICAL))
            .withNotifications(
                List.of(
                    NotificationWebhook.configured(
                        "ops-slack", List.of(NotificationEvent.values())),
                    NotificationWebhook.configured("pager", NotificationEvent.DEFAULTS))),
        (temporal, release) -> {
          temporal.env.sleep(Duration.ofSeconds(30));
          release.pause(new OperatorCommand("alice", "checking a dashboard"));
          temporal.env.sleep(Duration.ofMinutes(20));
          release.resume(new OperatorCommand("alice", "dashboard was stale"));
          while (release.state().status() != ReleaseStatus.AWAITING_APPROVAL) {
            temporal.env.sleep(Duration.ofMinutes(1));
          }
          release.approve(new OperatorCommand("carol", "finance-critical cells reviewed"));
        },
        new InMemoryReleaseActivities(InMemoryReleaseActivities.Fleet.ofTiers(5))
            .sequentialVerdicts((wave, period, tier) -> GateVerdict.PASS),
        told);
    System.exit(0);
  }

  /** Records the first run of a release that continues as new; the release then runs on. */
  private static void recordFirstRun(Path dir, String name) throws IOException {
    Path file = dir.resolve(name + ".json");
    if (Files.exists(file)) {
      System.out.println("kept " + file + " (histories are never re-recorded)");
      return;
    }
    InMemoryReleaseActivities activities =
        new InMemoryReleaseActivities(InMemoryReleaseActivities.Fleet.ofTiers(60));
    ReleasePolicy oneTargetWaves = new ReleasePolicy(60, 0, 0.0, 1.2, 100, List.of(), null, null);
    try (ReleaseTestEnvironment temporal = new ReleaseTestEnvironment().start(activities)) {
      ReleaseWorkflow release =
          temporal.startRelease(
              ReleaseTestEnvironment.spec(name, Strategy.WAVES, oneTargetWaves),
              ReleaseRun.first(ReleaseRun.MIN_MAX_HISTORY_EVENTS));
      String workflowId = "release-" + name;
      String firstRun = WorkflowStub.fromTyped(release).getExecution().getRunId();
      temporal.client().newUntypedWorkflowStub(workflowId).getResult(ReleaseState.class);
      Files.writeString(file, temporal.client().fetchHistory(workflowId, firstRun).toJson(true));
    }
  }

  /**
   * A release that finds its targets held by a running release, waits (claims again after each
   * timer) and runs once the holder finished and let go of them.
   */
  private static void recordWaitingForTargets(Path dir, String name) throws IOException {
    Path file = dir.resolve(name + ".json");
    if (Files.exists(file)) {
      System.out.println("kept " + file + " (histories are never re-recorded)");
      return;
    }
    InMemoryReleaseActivities activities =
        new InMemoryReleaseActivities(InMemoryReleaseActivities.Fleet.ofTiers(5))
            .sequentialVerdicts((wave, period, tier) -> GateVerdict.PASS);
    try (ReleaseTestEnvironment temporal = new ReleaseTestEnvironment().start(activities)) {
      temporal.startRelease(
          ReleaseTestEnvironment.spec("holder-of-" + name, Strategy.TRUST_WEIGHTED, SEQUENTIAL));
      temporal.env.sleep(Duration.ofSeconds(30));
      temporal.startRelease(
          ReleaseTestEnvironment.spec(
              name,
              Strategy.TRUST_WEIGHTED,
              SEQUENTIAL.withWhenTargetsHeld(TargetsHeldPolicy.WAIT)));
      String workflowId = "release-" + name;
      temporal.client().newUntypedWorkflowStub(workflowId).getResult(ReleaseState.class);
      Files.writeString(file, temporal.client().fetchHistory(workflowId).toJson(true));
    }
  }

  /** Periods of a minute, bakes of 3 to 10 minutes. */
  static final ReleasePolicy SEQUENTIAL =
      ReleasePolicy.defaults()
          .withSequentialGate(SequentialGatePolicy.defaults().withTimings(60, 180, 600, 3600));

  private static final IntFunction<String> NO_HOLD = wave -> null;

  private static void record(
      Path dir,
      String name,
      IntFunction<GateVerdict> verdicts,
      IntFunction<String> holds,
      boolean operator)
      throws IOException {
    InMemoryReleaseActivities activities =
        new InMemoryReleaseActivities(InMemoryReleaseActivities.Fleet.ofTiers(5))
            .gateVerdicts(verdicts)
            .replanHolds(holds);
    recordWith(
        dir,
        name,
        activities,
        POLICY,
        (temporal, release) -> {
          if (operator) {
            temporal.env.sleep(Duration.ofSeconds(60));
            release.pause(new OperatorCommand("alice", "investigating a dashboard"));
            temporal.env.sleep(Duration.ofHours(1));
            release.resume(new OperatorCommand("alice", "dashboard was stale"));
            // A release held at a tier entry waits for a second resume.
            temporal.env.sleep(Duration.ofHours(6));
            if (release.state().status() == ReleaseStatus.PAUSED) {
              release.resume(new OperatorCommand("alice", "cohort reviewed by hand"));
            }
          }
        });
  }

  private static void recordSequential(
      Path dir, String name, InMemoryReleaseActivities.SequentialVerdicts script, boolean resume)
      throws IOException {
    InMemoryReleaseActivities activities =
        new InMemoryReleaseActivities(InMemoryReleaseActivities.Fleet.ofTiers(5))
            .sequentialVerdicts(script);
    recordWith(
        dir,
        name,
        activities,
        SEQUENTIAL,
        (temporal, release) -> {
          if (resume) {
            // Wave 2 stays undecided: paused at its maximum bake, then accepted by an operator.
            while (release.state().status() != ReleaseStatus.PAUSED) {
              temporal.env.sleep(Duration.ofMinutes(1));
            }
            release.resume(new OperatorCommand("alice", "error budget reviewed, accepting wave 2"));
          }
        });
  }

  /** What the recorder's operator does while a release runs. */
  private interface Operator {
    void act(ReleaseTestEnvironment temporal, ReleaseWorkflow release);
  }

  /** Runs one release to its end and writes its history, unless a file of that name exists. */
  private static void recordWith(
      Path dir,
      String name,
      InMemoryReleaseActivities activities,
      ReleasePolicy policy,
      Operator operator)
      throws IOException {
    recordWith(
        dir,
        name,
        activities,
        WorkerOptions.getDefaultInstance(),
        Strategy.TRUST_WEIGHTED,
        policy,
        operator);
  }

  private static void recordWith(
      Path dir,
      String name,
      Object activities,
      WorkerOptions options,
      Strategy strategy,
      ReleasePolicy policy,
      Operator operator)
      throws IOException {
    recordWithAll(dir, name, options, strategy, policy, operator, activities);
  }

  private static void recordWithAll(
      Path dir,
      String name,
      WorkerOptions options,
      Strategy strategy,
      ReleasePolicy policy,
      Operator operator,
      Object... activities)
      throws IOException {
    Path file = dir.resolve(name + ".json");
    if (Files.exists(file)) {
      System.out.println("kept " + file + " (histories are never re-recorded)");
      return;
    }
    try (ReleaseTestEnvironment temporal =
        new ReleaseTestEnvironment().startAll(options, activities)) {
      ReleaseWorkflow release =
          temporal.startRelease(ReleaseTestEnvironment.spec(name, strategy, policy));
      operator.act(temporal, release);
      String workflowId = "release-" + name;
      temporal.client().newUntypedWorkflowStub(workflowId).getResult(ReleaseState.class);
      Files.writeString(file, temporal.client().fetchHistory(workflowId).toJson(true));
    }
  }
}
