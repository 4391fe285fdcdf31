package io.waveguard.workflows.release;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import io.temporal.workflow.WorkflowInit;
import io.waveguard.policy.controller.ReleaseCommand;
import io.waveguard.policy.controller.ReleaseEvents;
import io.waveguard.policy.controller.ReleaseStateMachine;
import io.waveguard.policy.controller.TargetWait;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.OperatorAction;
import io.waveguard.policy.model.OperatorCommand;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.workflows.activities.ActivityErrors;
import io.waveguard.workflows.activities.DeploymentActivities;
import io.waveguard.workflows.activities.GateActivities;
import io.waveguard.workflows.activities.GateRequest;
import io.waveguard.workflows.activities.OutcomeRequest;
import io.waveguard.workflows.activities.PlanSummary;
import io.waveguard.workflows.activities.PlanningActivities;
import io.waveguard.workflows.activities.ReleaseRecordActivities;
import io.waveguard.workflows.activities.ReleaseSnapshot;
import io.waveguard.workflows.activities.ReplanRequest;
import io.waveguard.workflows.activities.ReplanResult;
import io.waveguard.workflows.activities.TargetsHeld;
import io.waveguard.workflows.activities.TrustActivities;
import io.waveguard.workflows.activities.WaveDeployment;
import io.waveguard.workflows.activities.WaveRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;

/**
 * Carries out the {@link ReleaseStateMachine}'s commands with activities and durable timers. The
 * machine decides; this class only executes, waits and reports back.
 */
public class ReleaseWorkflowImpl implements ReleaseWorkflow {

  /** Failure type of an operator command that is not valid in the release's current state. */
  public static final String INVALID_TRANSITION = "INVALID_TRANSITION";

  /**
   * Change id of the trust engine: from version 1 a trust-weighted release re-plans between waves
   * and every release feeds its outcome back into trust. Histories recorded before it replay with
   * neither.
   */
  static final String TRUST_ENGINE_CHANGE = "trust-engine";

  /**
   * Change id of the sequential gate: from version 1 a release whose policy carries a sequential
   * gate bakes one gate period at a time and is judged by one test over the whole release.
   * Histories recorded before it replay with the per-wave gate.
   */
  static final String SEQUENTIAL_GATE_CHANGE = "sequential-gate";

  /**
   * Change id of the read model off the critical path: from version 1 snapshots are written
   * asynchronously, one at a time, so a database outage never holds up a deploy or a rollback.
   */
  static final String ASYNC_READ_MODEL_CHANGE = "async-read-model";

  /** Change id of the pause that holds a release before completion (issued in the last bake). */
  static final String PAUSE_BEFORE_COMPLETION_CHANGE = "pause-before-completion";

  /**
   * Change id of the rollback that goes all the way: from version 1 a failed wave's rollback no
   * longer ends the release; every deployed wave is tried, the targets left on the new build are
   * named, and the release waits for a retry-rollback.
   */
  static final String COMPLETE_ROLLBACK_CHANGE = "complete-rollback";

  /**
   * Change id of the abort that stops a deploy: from version 1 a deploy runs in a cancellation
   * scope that an abort cancels; the activity notices through its heartbeat.
   */
  static final String CANCELLABLE_DEPLOY_CHANGE = "cancellable-deploy";

  /**
   * Change id of exclusive targets: from version 1 planning claims the targets (another running
   * release's targets make the release fail, or wait when its policy says so) and a finished
   * release lets go of them. Histories recorded before it neither wait nor release.
   */
  static final String TARGET_HOLDS_CHANGE = "target-holds";

  /**
   * Change id of continue-as-new: from version 1 a release whose history has grown past its run's
   * budget (or that Temporal suggests continuing) continues as new at its next wave boundary, or
   * while it waits for an operator.
   */
  static final String CONTINUE_AS_NEW_CHANGE = "continue-as-new";

  /**
   * Change id of a history that reads as an audit log: from version 1 each read-model write names
   * what it records, and a finished release whose read model is written leaves no idle timer.
   */
  static final String READABLE_HISTORY_CHANGE = "readable-history";

  /**
   * Change id of change windows: from version 1 a release whose policy names change windows or
   * blackouts starts a wave only when its calendar allows, waiting on a durable timer meanwhile.
   */
  static final String CHANGE_WINDOWS_CHANGE = "change-windows";

  /**
   * Change id of approvals for every tier: from version 1 a wave waits for an approval of each tier
   * it holds that the policy names, not only of its highest tier (a wave of mixed tiers under the
   * waves or canary strategy once went past a finance-critical approval).
   */
  static final String APPROVAL_EVERY_TIER_CHANGE = "approval-every-tier";

  /**
   * Change id of notifications: from version 1 a release whose policy names webhooks tells them
   * about its start, passed waves, pauses, approvals, rollback and end (releases without webhooks
   * never reach this id, so their histories are what they always were).
   */
  static final String NOTIFICATIONS_CHANGE = "notifications";

  /** How long a finished release waits for its last read-model writes. */
  private static final Duration READ_MODEL_PATIENCE = Duration.ofMinutes(5);

  /**
   * How long an abort lets a fenced deploy stop by itself (at its next batch) before cancelling it:
   * a batch is one deployer call, bounded by the deployer's timeout (10 s by default).
   */
  private static final Duration DEPLOY_STOP_GRACE = Duration.ofSeconds(15);

  /** How long a run that continues as new waits for its read-model writes. */
  private static final Duration READ_MODEL_PATIENCE_AT_BOUNDARY = Duration.ofMinutes(1);

  private static final Logger log = Workflow.getLogger(ReleaseWorkflowImpl.class);

  private final ReleaseRecordActivities records =
      Workflow.newActivityStub(ReleaseRecordActivities.class, ReleaseActivityOptions.RECORD);

  private final ReleaseSpec spec;
  private final ReleaseRun thisRun;
  private final ReleaseStateMachine machine;
  private PlanSummary plan;
  private final List<OperatorCommandRecord> commands = new ArrayList<>();
  private final ReleaseStatePublisher publisher = new ReleaseStatePublisher();
  private ReadModelWriter readModel;
  private boolean cancellableDeploy;
  private boolean fenceBeforeCancel;
  private boolean targetHolds;
  private ReleaseNotifier notifier;

  /** Runs before any handler, so an update or signal never finds the release uninitialised. */
  @WorkflowInit
  public ReleaseWorkflowImpl(ReleaseSpec spec, ReleaseRun run) {
    this.spec = spec;
    this.thisRun = ReleaseRun.orFirst(run);
    if (thisRun.isContinuation()) {
      ReleaseRun.Continuation carried = thisRun.carriedOver();
      this.machine = ReleaseStateMachine.restore(spec.policy(), carried.machine());
      this.plan = carried.plan();
      this.commands.addAll(carried.commands());
    } else {
      this.machine = new ReleaseStateMachine(spec.policy());
    }
  }

  @Override
  public ReleaseState run(ReleaseSpec spec, ReleaseRun run) {
    // The order of these calls is part of every recorded history: new ones go last.
    boolean trustEngine =
        Workflow.getVersion(TRUST_ENGINE_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
    boolean sequentialGate =
        spec.policy().hasSequentialGate()
            && Workflow.getVersion(SEQUENTIAL_GATE_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
    readModel =
        new ReadModelWriter(
            records,
            Workflow.getVersion(ASYNC_READ_MODEL_CHANGE, Workflow.DEFAULT_VERSION, 1)
                == Workflow.DEFAULT_VERSION);
    boolean pauseHoldsCompletion =
        Workflow.getVersion(PAUSE_BEFORE_COMPLETION_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
    boolean completeRollback =
        Workflow.getVersion(COMPLETE_ROLLBACK_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
    int deployVersion = Workflow.getVersion(CANCELLABLE_DEPLOY_CHANGE, Workflow.DEFAULT_VERSION, 2);
    cancellableDeploy = deployVersion >= 1;
    fenceBeforeCancel = deployVersion >= 2;
    targetHolds = Workflow.getVersion(TARGET_HOLDS_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
    boolean mayContinueAsNew =
        Workflow.getVersion(CONTINUE_AS_NEW_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
    if (Workflow.getVersion(READABLE_HISTORY_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1) {
      readModel.writeReadableHistory();
    }
    boolean changeWindows =
        spec.policy().hasChangeCalendar()
            && Workflow.getVersion(CHANGE_WINDOWS_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
    if (changeWindows && !thisRun.isContinuation()) {
      machine.enableChangeWindows();
    }
    if (Workflow.getVersion(APPROVAL_EVERY_TIER_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1
        && !thisRun.isContinuation()) {
      machine.enableApprovalOfEveryTier();
    }
    if (spec.policy().hasNotifications()
        && Workflow.getVersion(NOTIFICATIONS_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1) {
      notifier =
          new ReleaseNotifier(
              spec,
              thisRun.isContinuation()
                  ? ReleaseEvents.resumingAt(machine.observe())
                  : ReleaseEvents.fromStart());
    }
    if (!thisRun.isContinuation()) {
      // A continued run's machine already carries the features its release started with.
      enableFeatures(trustEngine, sequentialGate, pauseHoldsCompletion, completeRollback);
    }
    publisher.start(spec);
    if (thisRun.isContinuation()) {
      publish();
    } else {
      announce();
    }
    ReleaseCommand command = machine.next();
    while (!command.isFinish()) {
      if (mayContinueAsNew && machine.isAtRest() && historyIsLong()) {
        // Operator commands must not be lost at the boundary: every handler finishes first, and
        // the new run starts from the state they left (a pause carries over as a pause).
        Workflow.await(Workflow::isEveryHandlerFinished);
        if (machine.isAtRest()) {
          continueAsNew();
        }
        command = machine.next();
        continue;
      }
      command.executeOn(steps);
      publish();
      command = machine.next();
    }
    ReleaseCommand.Finish finish = (ReleaseCommand.Finish) command;
    log.info("release {} finished {}: {}", spec.releaseId(), finish.status(), finish.reason());
    publish();
    if (targetHolds) {
      // Rollback (if any) is over: the targets are free for the next release. Outcome feedback
      // reads each target only until another release deployed it, so it may run after this.
      releaseTargets();
    }
    if (trustEngine && plan != null) {
      feedBackOutcome(finish);
    }
    readModel.flush(READ_MODEL_PATIENCE);
    if (notifier != null) {
      notifier.flush(notifier.patience());
    }
    // Let a command accepted in the same task as the final transition answer before we close.
    Workflow.await(Workflow::isEveryHandlerFinished);
    return state();
  }

  private void enableFeatures(
      boolean trustEngine,
      boolean sequentialGate,
      boolean pauseHoldsCompletion,
      boolean completeRollback) {
    if (trustEngine && spec.strategy().replansBetweenWaves()) {
      machine.enableReplanning();
    }
    if (sequentialGate) {
      machine.enableSequentialGate();
    }
    if (pauseHoldsCompletion) {
      machine.enablePauseBeforeCompletion();
    }
    if (completeRollback) {
      machine.enableCompleteRollback();
    }
  }

  private boolean historyIsLong() {
    WorkflowInfo info = Workflow.getInfo();
    return info.isContinueAsNewSuggested() || info.getHistoryLength() >= thisRun.maxHistoryEvents();
  }

  /** Hands the release to a fresh run; never returns. */
  private void continueAsNew() {
    // A read-model write still in flight would be orphaned by the new run: let it land first,
    // for a bounded time (the new run writes the same snapshot again anyway).
    readModel.flush(READ_MODEL_PATIENCE_AT_BOUNDARY);
    if (notifier != null) {
      // The next run announces only what happens after it starts.
      announce();
      notifier.flush(notifier.patience());
    }
    ReleaseRun next = thisRun.next(machine.state(), plan, commands);
    log.info(
        "release {}: run {} continues as new before wave {} after {} history events",
        spec.releaseId(),
        thisRun.number(),
        machine.next().wave(),
        Workflow.getInfo().getHistoryLength());
    Workflow.continueAsNew(spec, next);
  }

  /** Carries out each kind of command; the three operator waits are the same wait. */
  private final ReleaseCommand.Executor steps =
      new ReleaseCommand.Executor() {
        @Override
        public void plan(ReleaseCommand.Plan command) {
          ReleaseWorkflowImpl.this.plan();
        }

        @Override
        public void awaitTargets(ReleaseCommand.AwaitTargets command) {
          ReleaseWorkflowImpl.this.awaitTargets(command);
        }

        @Override
        public void deployWave(ReleaseCommand.DeployWave command) {
          deploy(command.wave());
        }

        @Override
        public void bake(ReleaseCommand.Bake command) {
          ReleaseWorkflowImpl.this.bake(command);
        }

        @Override
        public void evaluateGate(ReleaseCommand.EvaluateGate command) {
          ReleaseWorkflowImpl.this.evaluateGate(command);
        }

        @Override
        public void replan(ReleaseCommand.Replan command) {
          ReleaseWorkflowImpl.this.replan(command.wave());
        }

        @Override
        public void rollBackWave(ReleaseCommand.RollBackWave command) {
          rollBack(command.wave());
        }

        @Override
        public void listStrandedTargets(ReleaseCommand.ListStrandedTargets command) {
          ReleaseWorkflowImpl.this.listStrandedTargets();
        }

        @Override
        public void awaitRetryRollback(ReleaseCommand.AwaitRetryRollback command) {
          awaitOperator();
        }

        @Override
        public void awaitResume(ReleaseCommand.AwaitResume command) {
          awaitOperator();
        }

        @Override
        public void awaitApproval(ReleaseCommand.AwaitApproval command) {
          awaitOperator();
        }

        @Override
        public void awaitChangeWindow(ReleaseCommand.AwaitChangeWindow command) {
          ChangeWindowWait.await(machine, spec.policy().changeCalendar(), command);
          publish();
        }
      };

  private void plan() {
    PlanningActivities planning =
        Workflow.newActivityStub(
            PlanningActivities.class,
            ReleaseActivityOptions.withSummary(
                ReleaseActivityOptions.PLANNING,
                "plan %s %s with %s"
                    .formatted(spec.service(), spec.version(), spec.strategy().wireName())));
    try {
      plan = planning.planRelease(spec);
      machine.planned(plan.waves());
    } catch (ActivityFailure failure) {
      Optional<TargetsHeld> held = targetHolds ? targetsHeld(failure) : Optional.empty();
      if (held.isPresent()) {
        machine.targetsHeld(held.get().describe());
      } else {
        machine.planFailed(rootMessage(failure));
      }
    }
  }

  private static Optional<TargetsHeld> targetsHeld(ActivityFailure failure) {
    if (failure.getCause() instanceof ApplicationFailure application
        && ActivityErrors.TARGETS_HELD.equals(application.getType())
        && application.getDetails().getSize() > 0) {
      return Optional.of(application.getDetails().get(TargetsHeld.class));
    }
    return Optional.empty();
  }

  /** Sleeps before the next claim; an abort (any change) wakes it and ends the wait. */
  private void awaitTargets(ReleaseCommand.AwaitTargets command) {
    Duration delay = Duration.ofSeconds(TargetWait.delaySeconds(command.attempt()));
    Promise<Void> timer =
        Workflow.newTimer(
            delay,
            TimerOptions.newBuilder()
                .setSummary("wait %s for held targets, then claim them again".formatted(delay))
                .build());
    int seen = machine.revision();
    Workflow.await(() -> timer.isCompleted() || machine.revision() != seen);
    if (timer.isCompleted() && machine.next().equals(command)) {
      plan();
    }
  }

  /** Lets the next release have the targets; a hold left by a failure here turns stale. */
  private void releaseTargets() {
    PlanningActivities planning =
        Workflow.newActivityStub(
            PlanningActivities.class,
            ReleaseActivityOptions.withSummary(
                ReleaseActivityOptions.RELEASE_TARGETS,
                "release the targets held by " + spec.releaseId()));
    try {
      planning.releaseTargets(spec.releaseId());
    } catch (ActivityFailure failure) {
      log.warn(
          "release {}: its target holds were not released ({}); they are stale once it closed",
          spec.releaseId(),
          rootMessage(failure));
    }
  }

  private void deploy(int wave) {
    machine.deployStarted(wave);
    publish();
    DeploymentActivities deployer =
        Workflow.newActivityStub(
            DeploymentActivities.class,
            ReleaseActivityOptions.withSummary(
                ReleaseActivityOptions.DEPLOY,
                "deploy wave %d: %d targets".formatted(wave, waveSize(wave))));
    if (!cancellableDeploy) {
      try {
        deployer.deployWave(waveRequest(wave));
        machine.waveDeployed(wave);
      } catch (ActivityFailure failure) {
        machine.deployFailed(wave, rootMessage(failure));
      }
      return;
    }
    // An abort must not wait for every batch. It fences the release, so the deploy stops at its
    // next batch claim; a deploy still stuck in one deployer call after a grace period has its
    // scope cancelled, which the activity notices at its next heartbeat. Only once the deploy has
    // stopped does the rollback (covering every target it touched) begin, so no deploy call can
    // overtake it. (Fencing first also keeps the cancel out of the task where a fast deploy
    // completes, which Temporal's Java test server cannot handle.)
    AtomicReference<Promise<WaveDeployment>> started = new AtomicReference<>();
    CancellationScope scope =
        Workflow.newCancellationScope(
            () -> started.set(Async.function(deployer::deployWave, waveRequest(wave))));
    scope.run();
    Promise<WaveDeployment> deployment = started.get();
    Workflow.await(() -> deployment.isCompleted() || machine.isRollingBackOrDone());
    if (!deployment.isCompleted() && fenceBeforeCancel) {
      fenceDeploys();
      Workflow.await(DEPLOY_STOP_GRACE, deployment::isCompleted);
    }
    if (!deployment.isCompleted()) {
      scope.cancel("release is rolling back: " + machine.outcomeReason());
    }
    try {
      deployment.get();
      machine.waveDeployed(wave);
    } catch (ActivityFailure failure) {
      machine.deployFailed(wave, rootMessage(failure));
    }
  }

  /** No deploy attempt may claim a target of this release any more; failing is logged only. */
  private void fenceDeploys() {
    DeploymentActivities fence =
        Workflow.newActivityStub(
            DeploymentActivities.class,
            ReleaseActivityOptions.withSummary(
                ReleaseActivityOptions.ROLLBACK_BOOKKEEPING, "fence the release against deploys"));
    try {
      fence.fenceDeploys(spec.releaseId());
    } catch (ActivityFailure failure) {
      // The cancellation after the grace period still stops the deploy.
      log.warn("release {}: fence failed: {}", spec.releaseId(), rootMessage(failure));
    }
  }

  private void bake(ReleaseCommand.Bake command) {
    Duration bake = bakeStep();
    String summary;
    if (machine.usesSequentialGate()) {
      summary =
          "bake wave %d, period %d (%s)".formatted(command.wave(), command.extension() + 1, bake);
    } else if (command.extension() == 0) {
      summary = "bake wave %d for %s".formatted(command.wave(), bake);
    } else {
      summary =
          "extend bake of wave %d (%d) by %s".formatted(command.wave(), command.extension(), bake);
    }
    Promise<Void> timer =
        Workflow.newTimer(bake, TimerOptions.newBuilder().setSummary(summary).build());
    // Wake on any change too (pause, abort) so the read model and search attributes stay live;
    // only an abort actually cuts the bake short, by moving the machine out of this bake.
    while (!timer.isCompleted() && machine.next().equals(command)) {
      int seen = machine.revision();
      Workflow.await(() -> timer.isCompleted() || machine.revision() != seen);
      publish();
    }
    if (timer.isCompleted()) {
      machine.bakeElapsed(command.wave());
    }
  }

  /** One bake step: the sequential gate's period, or the per-wave gate's whole bake. */
  private Duration bakeStep() {
    return Duration.ofSeconds(
        machine.usesSequentialGate()
            ? spec.policy().sequentialGate().periodSeconds()
            : spec.policy().bakeSeconds());
  }

  private void evaluateGate(ReleaseCommand.EvaluateGate command) {
    int wave = command.wave();
    GateActivities gates =
        Workflow.newActivityStub(
            GateActivities.class,
            ReleaseActivityOptions.withSummary(
                ReleaseActivityOptions.GATE,
                machine.usesSequentialGate()
                    ? "gate wave %d after period %d".formatted(wave, command.extensions() + 1)
                    : "gate wave %d".formatted(wave)));
    Instant end = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    // Sequential: the period just baked (the evidence before it is the gate's own). Per wave: the
    // whole bake so far, extensions included.
    Instant start =
        machine.usesSequentialGate()
            ? end.minus(bakeStep())
            : end.minusSeconds(spec.policy().bakeSeconds() * (command.extensions() + 1L));
    try {
      GateResult result =
          gates.evaluateWave(
              new GateRequest(
                  spec.releaseId(),
                  plan.planId(),
                  wave,
                  start,
                  end,
                  spec.policy(),
                  command.tier()));
      machine.gateEvaluated(wave, result);
    } catch (ActivityFailure failure) {
      // A gate that cannot see telemetry never counts as a pass: hold for a human.
      machine.gateEvaluated(wave, GateResults.unavailable(rootMessage(failure)));
    }
  }

  private void replan(int nextWave) {
    PlanningActivities planning =
        Workflow.newActivityStub(
            PlanningActivities.class,
            ReleaseActivityOptions.withSummary(
                ReleaseActivityOptions.PLANNING,
                "re-plan waves %d-%d by fresh trust".formatted(nextWave, plan.waves().size())));
    try {
      ReplanResult result =
          planning.replanRemaining(
              new ReplanRequest(spec.releaseId(), plan.planId(), nextWave, spec.policy()));
      machine.replanned(nextWave, result.remainingWaves(), Optional.ofNullable(result.hold()));
    } catch (ActivityFailure failure) {
      machine.replanFailed(nextWave, rootMessage(failure));
    } catch (IllegalArgumentException inconsistent) {
      // A re-plan that changed wave sizes or tiers is a bug in the activity; failing the workflow
      // task would retry forever, holding the release on the stored plan lets a human decide.
      machine.replanFailed(nextWave, inconsistent.getMessage());
    }
  }

  /** Trust learns from every release; a failure here must not change how the release ended. */
  private void feedBackOutcome(ReleaseCommand.Finish finish) {
    TrustActivities trust =
        Workflow.newActivityStub(
            TrustActivities.class,
            ReleaseActivityOptions.withSummary(
                ReleaseActivityOptions.TRUST_FEEDBACK,
                "feed %s outcome back into trust".formatted(finish.status())));
    try {
      trust.recordReleaseOutcomes(
          new OutcomeRequest(spec.releaseId(), plan.planId(), finish.status()));
    } catch (ActivityFailure failure) {
      log.warn("release {}: trust feedback failed: {}", spec.releaseId(), rootMessage(failure));
    }
  }

  private void rollBack(int wave) {
    DeploymentActivities deployer =
        Workflow.newActivityStub(
            DeploymentActivities.class,
            ReleaseActivityOptions.withSummary(
                ReleaseActivityOptions.ROLLBACK,
                "roll back wave %d: %d targets".formatted(wave, waveSize(wave))));
    try {
      deployer.rollBackWave(waveRequest(wave));
      machine.waveRolledBack(wave);
    } catch (ActivityFailure failure) {
      machine.rollbackFailed(wave, rootMessage(failure));
    }
  }

  /** After failed rollbacks: what is still on the new build (history and audit log keep it). */
  private void listStrandedTargets() {
    DeploymentActivities deployer =
        Workflow.newActivityStub(
            DeploymentActivities.class,
            ReleaseActivityOptions.withSummary(
                ReleaseActivityOptions.ROLLBACK_BOOKKEEPING,
                "list the targets a failed rollback left on %s".formatted(spec.version())));
    try {
      machine.strandedTargetsListed(deployer.listStrandedTargets(spec.releaseId()));
    } catch (ActivityFailure failure) {
      machine.strandedTargetsUnknown(rootMessage(failure));
    }
  }

  private void awaitOperator() {
    int seen = machine.revision();
    Workflow.await(() -> machine.revision() != seen);
  }

  // ---- operator commands ----------------------------------------------------------------------

  @Override
  public ReleaseState pause(OperatorCommand command) {
    return accept(OperatorAction.PAUSE, command);
  }

  @Override
  public void validatePause(OperatorCommand command) {
    validate(OperatorAction.PAUSE, command);
  }

  @Override
  public ReleaseState resume(OperatorCommand command) {
    return accept(OperatorAction.RESUME, command);
  }

  @Override
  public void validateResume(OperatorCommand command) {
    validate(OperatorAction.RESUME, command);
  }

  @Override
  public ReleaseState approve(OperatorCommand command) {
    return accept(OperatorAction.APPROVE, command);
  }

  @Override
  public void validateApprove(OperatorCommand command) {
    validate(OperatorAction.APPROVE, command);
  }

  @Override
  public ReleaseState abort(OperatorCommand command) {
    return accept(OperatorAction.ABORT, command);
  }

  @Override
  public void validateAbort(OperatorCommand command) {
    validate(OperatorAction.ABORT, command);
  }

  @Override
  public ReleaseState retryRollback(OperatorCommand command) {
    return accept(OperatorAction.RETRY_ROLLBACK, command);
  }

  @Override
  public void validateRetryRollback(OperatorCommand command) {
    validate(OperatorAction.RETRY_ROLLBACK, command);
  }

  @Override
  public void requestAbort(OperatorCommand command) {
    // Signals cannot be rejected; an abort that is no longer valid (already final) is a no-op.
    if (machine.rejection(OperatorAction.ABORT).isEmpty()) {
      accept(OperatorAction.ABORT, command);
    }
  }

  private void validate(OperatorAction action, OperatorCommand command) {
    if (command == null || isBlank(command.operator()) || isBlank(command.reason())) {
      throw new IllegalArgumentException("operator and reason are required");
    }
    machine
        .rejection(action)
        .ifPresent(
            reason -> {
              throw new IllegalStateException(action.wireName() + " rejected: " + reason);
            });
  }

  private ReleaseState accept(OperatorAction action, OperatorCommand command) {
    // The validator ran when the update arrived, but a signal handled in the same workflow task
    // (an abort queued while no worker ran) can change the state in between. Failing only this
    // update keeps the workflow task, and so the release, healthy.
    Optional<String> rejected = machine.rejection(action);
    if (rejected.isPresent()) {
      throw ApplicationFailure.newNonRetryableFailure(
          action.wireName() + " rejected: " + rejected.get(), INVALID_TRANSITION);
    }
    machine.apply(action, command);
    announce();
    commands.add(
        new OperatorCommandRecord(
            action,
            command.operator(),
            command.reason(),
            Instant.ofEpochMilli(Workflow.currentTimeMillis())));
    log.info("{} by {}: {}", action.wireName(), command.operator(), command.reason());
    return state();
  }

  // ---- read side ------------------------------------------------------------------------------

  @Override
  public ReleaseState state() {
    return ReleaseStateView.of(spec, machine, commands);
  }

  private void publish() {
    ReleaseSnapshot snapshot =
        publisher.changed(spec, machine, Instant.ofEpochMilli(Workflow.currentTimeMillis()));
    if (snapshot != null) {
      readModel.write(snapshot);
    }
    announce();
  }

  /** Queues for the webhooks whatever the release newly shows; nothing without notifications. */
  private void announce() {
    if (notifier != null) {
      notifier.observe(machine);
    }
  }

  private WaveRequest waveRequest(int wave) {
    return new WaveRequest(spec.releaseId(), plan.planId(), spec.version(), wave);
  }

  private int waveSize(int wave) {
    return plan.waves().get(wave - 1).targetCount();
  }

  private static String rootMessage(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    if (cause instanceof ApplicationFailure application) {
      return application.getOriginalMessage();
    }
    return cause == null ? failure.getMessage() : cause.getMessage();
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
