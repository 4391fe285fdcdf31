package io.waveguard.policy.controller;

import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.OperatorAction;
import io.waveguard.policy.model.OperatorCommand;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.StrandedTargets;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.WaveStatus;
import io.waveguard.policy.model.WaveSummary;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The release controller: a pure, deterministic state machine (no Temporal, no clock, no I/O).
 *
 * <p>Bodies ask {@link #next()} what to do, do it, and report the outcome through one of the event
 * methods. Operator commands are checked with {@link #rejection} before {@link #apply} changes
 * anything, so an invalid command leaves the release exactly as it was. Events that arrive for a
 * step the machine has already left (a bake that elapses after an abort) are ignored.
 */
public final class ReleaseStateMachine {

  private enum Phase {
    /** Select the targets and order them into waves (and claim them). */
    PLANNING,
    /** Another running release holds some targets and the policy says wait: plan again later. */
    WAIT_FOR_TARGETS,
    /** Deploy the current wave, once it is not paused and its tier is approved if it must be. */
    DEPLOY,
    /** The deployed wave runs on a durable timer (one gate period at a time, sequentially). */
    BAKE,
    /** Judge the wave's telemetry: pass, fail (roll back), or bake on / hold for a human. */
    GATE,
    /** A wave passed: re-rank the remaining targets and check the next wave's tier entry. */
    REPLAN,
    /**
     * The last wave's gate stayed inconclusive, or an operator paused during its bake: an
     * operator's resume completes the release.
     */
    HOLD_AFTER_LAST,
    /** Undo deployed waves, highest first; a failed wave does not stop the ones below it. */
    ROLLBACK,
    /** Every deployed wave was tried and some rollback failed: list what is still on the build. */
    ROLLBACK_CHECK,
    /** Targets still run the new build: wait for an operator's retry-rollback or abort. */
    ROLLBACK_INCOMPLETE,
    /** A final status was reached; nothing more happens. */
    DONE
  }

  private final ReleasePolicy policy;
  private boolean replanBetweenWaves;
  private boolean sequentialGate;
  private boolean pauseHoldsCompletion;
  private boolean completeRollback;
  private final WaveLedger waves = new WaveLedger();

  private Phase phase = Phase.PLANNING;
  private int wave;
  private int extension;
  private int deployingWave;
  private int deployedThrough;
  private final RollbackLedger rollback = new RollbackLedger();
  private boolean paused;
  private String pauseReason;
  private final Set<Tier> approvedTiers = EnumSet.noneOf(Tier.class);
  private ReleaseStatus finalStatus;
  private String outcomeReason;
  private int revision;
  private int heldClaims;
  private String heldBy;

  /** A machine that goes straight from one wave's gate to the next wave (releases before v1). */
  public ReleaseStateMachine(ReleasePolicy policy) {
    this(policy, false);
  }

  /**
   * @param replanBetweenWaves true to ask for a {@link ReleaseCommand.Replan} before every wave
   *     after the first, so fresh trust can reorder the rest and tier thresholds are enforced
   */
  public ReleaseStateMachine(ReleasePolicy policy, boolean replanBetweenWaves) {
    this.policy = policy;
    this.replanBetweenWaves = replanBetweenWaves;
  }

  /**
   * Turns re-planning on; only before planning, so a running release never changes its mind. A
   * release that already ended (aborted by a signal before its workflow ran) ignores it.
   */
  public void enableReplanning() {
    if (phase == Phase.DONE) {
      return;
    }
    if (phase != Phase.PLANNING) {
      throw new IllegalStateException("re-planning can only be enabled before planning");
    }
    replanBetweenWaves = true;
  }

  /**
   * Judges waves with the release-wide sequential gate: bakes of one gate period at a time, a
   * verdict after each, moving on once the gate passes and the minimum bake is over, pausing at the
   * maximum bake. Only before planning, and only when the policy carries the sequential gate.
   */
  public void enableSequentialGate() {
    if (phase == Phase.DONE) {
      return;
    }
    if (phase != Phase.PLANNING) {
      throw new IllegalStateException("the sequential gate can only be enabled before planning");
    }
    if (!policy.hasSequentialGate()) {
      throw new IllegalStateException("the release policy has no sequential gate");
    }
    sequentialGate = true;
  }

  /**
   * A pause that arrives during the last wave's bake holds the release before COMPLETED (releases
   * before this change completed regardless). Only before planning.
   */
  public void enablePauseBeforeCompletion() {
    if (phase == Phase.DONE) {
      return;
    }
    if (phase != Phase.PLANNING) {
      throw new IllegalStateException(
          "pause-before-completion can only be enabled before planning");
    }
    pauseHoldsCompletion = true;
  }

  /**
   * A rollback that fails on one wave goes on with the waves below it, then names the targets still
   * on the new build and waits for an operator's retry-rollback (releases before this change ended
   * FAILED at the first failed wave). Only before planning.
   */
  public void enableCompleteRollback() {
    if (phase == Phase.DONE) {
      return;
    }
    if (phase != Phase.PLANNING) {
      throw new IllegalStateException("complete rollback can only be enabled before planning");
    }
    completeRollback = true;
  }

  /** All the machine knows, for the release's next run (continue-as-new). */
  public ReleaseMachineState state() {
    return new ReleaseMachineState(
        new ReleaseMachineState.Features(
            replanBetweenWaves, sequentialGate, pauseHoldsCompletion, completeRollback),
        phase.name(),
        wave,
        extension,
        deployingWave,
        deployedThrough,
        paused,
        pauseReason,
        List.copyOf(approvedTiers),
        finalStatus,
        outcomeReason,
        revision,
        heldClaims,
        heldBy,
        waves.state(),
        rollback.state());
  }

  /** A machine that goes on exactly where {@code state} left off. */
  public static ReleaseStateMachine restore(ReleasePolicy policy, ReleaseMachineState state) {
    ReleaseStateMachine machine = new ReleaseStateMachine(policy);
    ReleaseMachineState.Features features = state.features();
    machine.replanBetweenWaves = features.replanBetweenWaves();
    machine.sequentialGate = features.sequentialGate();
    machine.pauseHoldsCompletion = features.pauseHoldsCompletion();
    machine.completeRollback = features.completeRollback();
    machine.phase = Phase.valueOf(state.phase());
    machine.wave = state.wave();
    machine.extension = state.extension();
    machine.deployingWave = state.deployingWave();
    machine.deployedThrough = state.deployedThrough();
    machine.paused = state.paused();
    machine.pauseReason = state.pauseReason();
    machine.approvedTiers.addAll(state.approvedTiers());
    machine.finalStatus = state.finalStatus();
    machine.outcomeReason = state.outcomeReason();
    machine.revision = state.revision();
    machine.heldClaims = state.heldClaims();
    machine.heldBy = state.heldBy();
    machine.waves.restore(state.waves());
    machine.rollback.restore(state.rollback());
    return machine;
  }

  /**
   * True when nothing is in flight and the next step starts a new wave (its re-plan or its deploy),
   * waits for an operator or waits for held targets: the places a release may continue as new.
   */
  public boolean isAtRest() {
    if (deployingWave != 0) {
      return false;
    }
    ReleaseCommand next = next();
    return next instanceof ReleaseCommand.Replan
        || next instanceof ReleaseCommand.AwaitResume
        || next instanceof ReleaseCommand.AwaitApproval
        || next instanceof ReleaseCommand.AwaitRetryRollback
        || next instanceof ReleaseCommand.AwaitTargets
        || (next instanceof ReleaseCommand.DeployWave deploy && deploy.wave() > 1);
  }

  public boolean usesSequentialGate() {
    return sequentialGate;
  }

  /** The step to take now. Pure: asking twice without an event in between gives the same answer. */
  public ReleaseCommand next() {
    return switch (phase) {
      case PLANNING -> new ReleaseCommand.Plan();
      case WAIT_FOR_TARGETS -> new ReleaseCommand.AwaitTargets(heldClaims, heldBy);
      case DEPLOY -> nextDeployStep();
      case BAKE -> new ReleaseCommand.Bake(wave, extension);
      case GATE ->
          new ReleaseCommand.EvaluateGate(wave, extension, sequentialGate ? entryTier(wave) : null);
      case REPLAN -> new ReleaseCommand.Replan(wave);
      case HOLD_AFTER_LAST -> new ReleaseCommand.AwaitResume(wave, pauseReason);
      case ROLLBACK -> new ReleaseCommand.RollBackWave(rollback.current());
      case ROLLBACK_CHECK -> new ReleaseCommand.ListStrandedTargets();
      case ROLLBACK_INCOMPLETE -> new ReleaseCommand.AwaitRetryRollback(outcomeReason);
      case DONE -> new ReleaseCommand.Finish(finalStatus, outcomeReason);
    };
  }

  private ReleaseCommand nextDeployStep() {
    if (paused) {
      return new ReleaseCommand.AwaitResume(wave, pauseReason);
    }
    Tier tier = waves.tier(wave);
    if (policy.requiresApproval(tier) && !approvedTiers.contains(tier)) {
      return new ReleaseCommand.AwaitApproval(wave, tier);
    }
    return new ReleaseCommand.DeployWave(wave);
  }

  // ---- events reported by the body ----------------------------------------------------------

  public void planned(List<WaveSummary> plannedWaves) {
    if (!isPlanning()) {
      return;
    }
    heldBy = null;
    if (plannedWaves.isEmpty()) {
      finish(ReleaseStatus.FAILED, "the target selector matched no targets");
      return;
    }
    waves.plan(plannedWaves);
    enterDeploy(1);
  }

  public void planFailed(String reason) {
    if (isPlanning()) {
      finish(ReleaseStatus.FAILED, "planning failed: " + reason);
    }
  }

  /**
   * Planning found some targets held by another running release ({@code holder} says which and how
   * many) and claimed none. A release whose policy says wait waits and plans again after {@link
   * TargetWait#delaySeconds}; any other fails with nothing deployed.
   */
  public void targetsHeld(String holder) {
    if (!isPlanning()) {
      return;
    }
    if (!policy.waitsForHeldTargets()) {
      finish(ReleaseStatus.FAILED, "targets held: " + holder);
      return;
    }
    phase = Phase.WAIT_FOR_TARGETS;
    heldClaims++;
    heldBy = holder;
    changed();
  }

  /** Planning is still to do: first time, or again after the targets were found held. */
  private boolean isPlanning() {
    return phase == Phase.PLANNING || phase == Phase.WAIT_FOR_TARGETS;
  }

  /** While waiting for held targets: who holds them, in words; null otherwise. */
  public String heldBy() {
    return phase == Phase.WAIT_FOR_TARGETS ? heldBy : null;
  }

  public void deployStarted(int w) {
    if (phase == Phase.DEPLOY && wave == w) {
      deployingWave = w;
      setWaveStatus(w, WaveStatus.DEPLOYING);
    }
  }

  public void waveDeployed(int w) {
    deployingWave = 0;
    deployedThrough = Math.max(deployedThrough, w);
    if (phase == Phase.DEPLOY && wave == w) {
      setWaveStatus(w, WaveStatus.BAKING);
      phase = Phase.BAKE;
      extension = 0;
      changed();
    } else if (phase == Phase.ROLLBACK) {
      // An abort arrived while this wave was deploying: it must be undone too.
      rollback.include(w);
      changed();
    }
  }

  /** A deploy failed permanently: undo what was deployed, including this wave's partial work. */
  public void deployFailed(int w, String reason) {
    deployingWave = 0;
    deployedThrough = Math.max(deployedThrough, w);
    setWaveStatus(w, WaveStatus.FAILED);
    if (phase == Phase.DEPLOY && wave == w) {
      startRollback(ReleaseStatus.FAILED, "deployment of wave " + w + " failed: " + reason);
    } else if (phase == Phase.ROLLBACK) {
      rollback.include(w);
      changed();
    }
  }

  public void bakeElapsed(int w) {
    if (phase == Phase.BAKE && wave == w) {
      phase = Phase.GATE;
      setWaveStatus(w, WaveStatus.EVALUATING);
    }
  }

  public void gateEvaluated(int w, GateResult result) {
    waves.recordGate(w, result);
    if (phase != Phase.GATE || wave != w) {
      return;
    }
    if (sequentialGate) {
      onSequentialVerdict(w, result);
      return;
    }
    switch (result.verdict()) {
      case PASS -> passWave(w);
      case FAIL -> {
        setWaveStatus(w, WaveStatus.FAILED);
        startRollback(
            ReleaseStatus.ROLLED_BACK, "gate failed on wave " + w + ": " + result.reason());
      }
      case INCONCLUSIVE -> onInconclusive(w, result);
    }
  }

  /**
   * After the sequential gate's verdict on bake period {@code extension} of the wave: a failure
   * rolls back at once; a pass moves on once the minimum bake is over; anything else bakes another
   * period, up to the maximum bake, where the release pauses for a human.
   */
  private void onSequentialVerdict(int w, GateResult result) {
    int baked = extension + 1;
    var gate = policy.sequentialGate();
    switch (result.verdict()) {
      case FAIL -> {
        setWaveStatus(w, WaveStatus.FAILED);
        startRollback(
            ReleaseStatus.ROLLED_BACK, "gate failed on wave " + w + ": " + result.reason());
      }
      case PASS -> {
        if (baked < gate.minBakePeriods()) {
          bakeAnotherPeriod(w);
        } else {
          passWave(w);
        }
      }
      case INCONCLUSIVE -> {
        if (baked < gate.maxBakePeriods()) {
          bakeAnotherPeriod(w);
        } else {
          holdUndecided(
              w,
              "gate undecided on wave %d after the maximum bake of %ds: %s"
                  .formatted(w, gate.maxBakeSeconds(), result.reason()));
        }
      }
    }
  }

  private void bakeAnotherPeriod(int w) {
    phase = Phase.BAKE;
    extension++;
    setWaveStatus(w, WaveStatus.BAKING);
  }

  private void passWave(int w) {
    setWaveStatus(w, WaveStatus.PASSED);
    if (w == waves.count() && paused && pauseHoldsCompletion) {
      // An operator paused during the last bake: the release waits for their resume to complete.
      phase = Phase.HOLD_AFTER_LAST;
      changed();
    } else if (w == waves.count()) {
      finish(ReleaseStatus.COMPLETED, "all " + waves.count() + " waves passed their gates");
    } else {
      enterNextWave(w + 1);
    }
  }

  /** The tier the sequential gate judges a wave for: the next wave's, or its own when last. */
  private Tier entryTier(int w) {
    return waves.tier(w < waves.count() ? w + 1 : w);
  }

  private void onInconclusive(int w, GateResult result) {
    if (extension < policy.maxBakeExtensions()) {
      phase = Phase.BAKE;
      extension++;
      setWaveStatus(w, WaveStatus.BAKING);
      return;
    }
    holdUndecided(
        w,
        "gate inconclusive on wave "
            + w
            + " after "
            + extension
            + " extensions: "
            + result.reason());
  }

  /** An undecided wave: held for an operator, before the next wave or before completing. */
  private void holdUndecided(int w, String reason) {
    setWaveStatus(w, WaveStatus.INCONCLUSIVE);
    paused = true;
    pauseReason = reason;
    if (w == waves.count()) {
      phase = Phase.HOLD_AFTER_LAST;
      changed();
    } else {
      enterNextWave(w + 1);
    }
  }

  /**
   * The remaining plan was re-ranked. Waves keep their sizes and tiers, so only impacts change; a
   * hold (tier threshold or evidence not met) pauses the release before {@code next} with its
   * reason, for an operator to resume or abort.
   */
  public void replanned(int next, List<WaveSummary> remaining, Optional<String> hold) {
    if (phase != Phase.REPLAN || wave != next) {
      return;
    }
    waves.replace(remaining);
    hold.ifPresent(this::holdFor);
    enterDeploy(next);
  }

  /** Re-planning failed for good: the stored plan stands, but no tier check ran, so hold. */
  public void replanFailed(int next, String reason) {
    if (phase == Phase.REPLAN && wave == next) {
      holdFor("re-plan before wave " + next + " failed (" + reason + "); the stored plan stands");
      enterDeploy(next);
    }
  }

  private void holdFor(String reason) {
    pauseReason = paused ? pauseReason + "; " + reason : reason;
    paused = true;
  }

  public void waveRolledBack(int w) {
    if (phase != Phase.ROLLBACK || rollback.current() != w) {
      return;
    }
    setWaveStatus(w, WaveStatus.ROLLED_BACK);
    rollback.undone(w);
    afterRollbackStep();
  }

  /**
   * The wave's rollback failed for good. The waves below it are still tried; once all were, the
   * release lists the targets left on the new build.
   */
  public void rollbackFailed(int w, String reason) {
    if (phase != Phase.ROLLBACK) {
      return;
    }
    if (!completeRollback) {
      finish(ReleaseStatus.FAILED, "rollback of wave " + w + " failed: " + reason);
      return;
    }
    if (rollback.current() != w) {
      return;
    }
    setWaveStatus(w, WaveStatus.ROLLBACK_FAILED);
    rollback.failed(w, reason);
    afterRollbackStep();
  }

  private void afterRollbackStep() {
    if (rollback.current() != 0) {
      return;
    }
    if (rollback.hasFailures()) {
      phase = Phase.ROLLBACK_CHECK;
      changed();
    } else {
      finish(rollback.outcome(), outcomeReason);
    }
  }

  /**
   * After failed rollbacks, the targets that still run the new build. None left (the failures undid
   * their targets after all) ends the release as if every wave had rolled back.
   */
  public void strandedTargetsListed(StrandedTargets stranded) {
    if (phase != Phase.ROLLBACK_CHECK) {
      return;
    }
    rollback.stranded(stranded);
    if (stranded.isEmpty()) {
      finish(rollback.outcome(), outcomeReason);
      return;
    }
    holdIncomplete(
        "rollback incomplete (%s): %s still run the new build"
            .formatted(rollback.failureSummary(), stranded.describe()));
  }

  /** The targets left on the new build could not be listed: name the waves instead. */
  public void strandedTargetsUnknown(String reason) {
    if (phase == Phase.ROLLBACK_CHECK) {
      holdIncomplete(
          "rollback incomplete (%s); the targets still on the new build could not be listed: %s"
              .formatted(rollback.failureSummary(), reason));
    }
  }

  private void holdIncomplete(String reason) {
    phase = Phase.ROLLBACK_INCOMPLETE;
    outcomeReason = rollback.reason() + "; " + reason;
    changed();
  }

  // ---- operator commands ----------------------------------------------------------------------

  /** Why the action is not allowed now, or empty when it is. Never changes anything. */
  public Optional<String> rejection(OperatorAction action) {
    if (phase == Phase.DONE) {
      return Optional.of("release is already " + finalStatus);
    }
    if (phase == Phase.ROLLBACK || phase == Phase.ROLLBACK_CHECK) {
      return Optional.of("release is rolling back");
    }
    if (phase == Phase.WAIT_FOR_TARGETS && action != OperatorAction.ABORT) {
      // Nothing is planned yet, so there is nothing to pause, resume or approve; abort ends it.
      return Optional.of("release is waiting for its targets (" + heldBy + ")");
    }
    if (phase == Phase.ROLLBACK_INCOMPLETE) {
      return action == OperatorAction.RETRY_ROLLBACK || action == OperatorAction.ABORT
          ? Optional.empty()
          : Optional.of("release's rollback is incomplete: retry-rollback, or abort to give up");
    }
    return switch (action) {
      case PAUSE -> paused ? Optional.of("release is already paused") : Optional.empty();
      case RESUME -> paused ? Optional.empty() : Optional.of("release is not paused");
      case APPROVE ->
          awaitingApproval() ? Optional.empty() : Optional.of("no wave is awaiting approval");
      case ABORT -> Optional.empty();
      case RETRY_ROLLBACK -> Optional.of("no rollback of this release has failed");
    };
  }

  /**
   * Carries out a valid operator action.
   *
   * @throws TransitionRejectedException when {@link #rejection} objects; nothing changes then
   */
  public void apply(OperatorAction action, OperatorCommand command) {
    Optional<String> rejected = rejection(action);
    if (rejected.isPresent()) {
      throw new TransitionRejectedException(rejected.get());
    }
    String by = command.operator() + ": " + command.reason();
    switch (action) {
      case PAUSE -> {
        paused = true;
        pauseReason = "paused by " + by;
        changed();
      }
      case RESUME -> {
        paused = false;
        pauseReason = null;
        if (phase == Phase.HOLD_AFTER_LAST) {
          finish(ReleaseStatus.COMPLETED, "last wave accepted by " + by);
        } else {
          changed();
        }
      }
      case APPROVE -> {
        approvedTiers.add(waves.tier(wave));
        changed();
      }
      case ABORT -> abort("aborted by " + by);
      case RETRY_ROLLBACK -> {
        phase = Phase.ROLLBACK;
        outcomeReason = rollback.reason() + "; rollback retried by " + by;
        rollback.retry();
        changed();
      }
    }
  }

  private void abort(String reason) {
    if (phase == Phase.ROLLBACK_INCOMPLETE) {
      // Giving up: the release ends, still naming what runs the new build.
      finish(ReleaseStatus.FAILED, outcomeReason + "; rollback given up, " + reason);
      return;
    }
    paused = false;
    int deployed = Math.max(deployedThrough, deployingWave);
    if (deployed == 0) {
      finish(ReleaseStatus.ABORTED, reason);
    } else {
      startRollback(ReleaseStatus.ABORTED, reason);
    }
  }

  // ---- read side ------------------------------------------------------------------------------

  public ReleaseStatus status() {
    return switch (phase) {
      case PLANNING -> ReleaseStatus.PLANNING;
      case WAIT_FOR_TARGETS -> ReleaseStatus.WAITING_FOR_TARGETS;
      case ROLLBACK, ROLLBACK_CHECK -> ReleaseStatus.ROLLING_BACK;
      case ROLLBACK_INCOMPLETE -> ReleaseStatus.ROLLBACK_INCOMPLETE;
      case DONE -> finalStatus;
      case HOLD_AFTER_LAST -> ReleaseStatus.PAUSED;
      default -> {
        if (paused) {
          yield ReleaseStatus.PAUSED;
        }
        yield awaitingApproval() ? ReleaseStatus.AWAITING_APPROVAL : ReleaseStatus.RUNNING;
      }
    };
  }

  private boolean awaitingApproval() {
    if (phase != Phase.DEPLOY || deployingWave == wave) {
      return false;
    }
    Tier tier = waves.tier(wave);
    return policy.requiresApproval(tier) && !approvedTiers.contains(tier);
  }

  /** The wave the release is working on (the one being rolled back while rolling back). */
  public int currentWave() {
    return phase == Phase.ROLLBACK ? rollback.current() : wave;
  }

  /** True once the release is undoing its waves: a deploy still running should stop. */
  public boolean isRollingBackOrDone() {
    return phase == Phase.ROLLBACK || phase == Phase.ROLLBACK_CHECK || phase == Phase.DONE;
  }

  /** What a rollback left on the new build; empty unless a rollback failed. */
  public StrandedTargets strandedTargets() {
    StrandedTargets stranded = rollback.stranded();
    return stranded == null ? StrandedTargets.NONE : stranded;
  }

  public List<WaveSummary> waves() {
    return waves.summaries();
  }

  public WaveStatus waveStatus(int w) {
    return waves.status(w);
  }

  public Optional<GateResult> gateResult(int w) {
    return waves.gate(w);
  }

  public String pauseReason() {
    return pauseReason;
  }

  /** Why the release ended (or is rolling back); null while it runs normally. */
  public String outcomeReason() {
    return outcomeReason;
  }

  /** Grows with every change, so a body can wait for "anything happened". */
  public int revision() {
    return revision;
  }

  // ---- internals ------------------------------------------------------------------------------

  private void enterNextWave(int w) {
    if (!replanBetweenWaves) {
      enterDeploy(w);
      return;
    }
    phase = Phase.REPLAN;
    wave = w;
    extension = 0;
    changed();
  }

  private void enterDeploy(int w) {
    phase = Phase.DEPLOY;
    wave = w;
    extension = 0;
    changed();
  }

  private void startRollback(ReleaseStatus outcome, String reason) {
    phase = Phase.ROLLBACK;
    outcomeReason = reason;
    rollback.begin(outcome, reason, Math.max(deployedThrough, deployingWave));
    paused = false;
    changed();
  }

  private void finish(ReleaseStatus status, String reason) {
    phase = Phase.DONE;
    finalStatus = status;
    outcomeReason = reason;
    paused = false;
    changed();
  }

  private void setWaveStatus(int w, WaveStatus status) {
    waves.setStatus(w, status);
    changed();
  }

  private void changed() {
    revision++;
  }
}
