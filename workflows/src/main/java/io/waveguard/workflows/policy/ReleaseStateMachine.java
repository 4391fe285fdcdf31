package io.waveguard.workflows.policy;

import io.waveguard.workflows.model.GateResult;
import io.waveguard.workflows.model.OperatorAction;
import io.waveguard.workflows.model.OperatorCommand;
import io.waveguard.workflows.model.ReleasePolicy;
import io.waveguard.workflows.model.ReleaseStatus;
import io.waveguard.workflows.model.Tier;
import io.waveguard.workflows.model.WaveStatus;
import io.waveguard.workflows.model.WaveSummary;
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
    PLANNING,
    /** Another running release holds some targets and the policy says wait: plan again later. */
    WAIT_FOR_TARGETS,
    DEPLOY,
    BAKE,
    GATE,
    /** A wave passed: re-rank the remaining targets and check the next wave's tier entry. */
    REPLAN,
    /**
     * The last wave's gate stayed inconclusive, or an operator paused during its bake: an
     * operator's resume completes the release.
     */
    HOLD_AFTER_LAST,
    ROLLBACK,
    DONE
  }

  private final ReleasePolicy policy;
  private boolean replanBetweenWaves;
  private boolean sequentialGate;
  private boolean pauseHoldsCompletion;
  private final WaveLedger waves = new WaveLedger();

  private Phase phase = Phase.PLANNING;
  private int wave;
  private int extension;
  private int deployingWave;
  private int deployedThrough;
  private int rollbackCursor;
  private ReleaseStatus rollbackOutcome;
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
   * @param replanBetweenWaves true to ask for a {@link ReleaseCommand.Type#REPLAN} before every
   *     wave after the first, so fresh trust can reorder the rest and tier thresholds are enforced
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

  public boolean usesSequentialGate() {
    return sequentialGate;
  }

  /** The step to take now. Pure: asking twice without an event in between gives the same answer. */
  public ReleaseCommand next() {
    return switch (phase) {
      case PLANNING -> ReleaseCommand.plan();
      case WAIT_FOR_TARGETS -> ReleaseCommand.awaitTargets(heldClaims, heldBy);
      case DEPLOY -> nextDeployStep();
      case BAKE -> ReleaseCommand.bake(wave, extension);
      case GATE ->
          sequentialGate
              ? ReleaseCommand.evaluateGate(wave, extension, entryTier(wave))
              : ReleaseCommand.evaluateGate(wave, extension);
      case REPLAN -> ReleaseCommand.replan(wave);
      case HOLD_AFTER_LAST -> ReleaseCommand.awaitResume(wave, pauseReason);
      case ROLLBACK -> ReleaseCommand.rollBack(rollbackCursor);
      case DONE -> ReleaseCommand.finish(finalStatus, outcomeReason);
    };
  }

  private ReleaseCommand nextDeployStep() {
    if (paused) {
      return ReleaseCommand.awaitResume(wave, pauseReason);
    }
    Tier tier = waves.tier(wave);
    if (policy.requiresApproval(tier) && !approvedTiers.contains(tier)) {
      return ReleaseCommand.awaitApproval(wave, tier);
    }
    return ReleaseCommand.deploy(wave);
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
      rollbackCursor = Math.max(rollbackCursor, w);
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
      rollbackCursor = Math.max(rollbackCursor, w);
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
    if (phase != Phase.ROLLBACK || rollbackCursor != w) {
      return;
    }
    setWaveStatus(w, WaveStatus.ROLLED_BACK);
    rollbackCursor--;
    if (rollbackCursor == 0) {
      finish(rollbackOutcome, outcomeReason);
    }
  }

  public void rollbackFailed(int w, String reason) {
    if (phase == Phase.ROLLBACK) {
      finish(ReleaseStatus.FAILED, "rollback of wave " + w + " failed: " + reason);
    }
  }

  // ---- operator commands ----------------------------------------------------------------------

  /** Why the action is not allowed now, or empty when it is. Never changes anything. */
  public Optional<String> rejection(OperatorAction action) {
    if (phase == Phase.DONE) {
      return Optional.of("release is already " + finalStatus);
    }
    if (phase == Phase.ROLLBACK) {
      return Optional.of("release is rolling back");
    }
    if (phase == Phase.WAIT_FOR_TARGETS && action != OperatorAction.ABORT) {
      // Nothing is planned yet, so there is nothing to pause, resume or approve; abort ends it.
      return Optional.of("release is waiting for its targets (" + heldBy + ")");
    }
    return switch (action) {
      case PAUSE -> paused ? Optional.of("release is already paused") : Optional.empty();
      case RESUME -> paused ? Optional.empty() : Optional.of("release is not paused");
      case APPROVE ->
          awaitingApproval() ? Optional.empty() : Optional.of("no wave is awaiting approval");
      case ABORT -> Optional.empty();
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
    }
  }

  private void abort(String reason) {
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
      case ROLLBACK -> ReleaseStatus.ROLLING_BACK;
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
    return phase == Phase.ROLLBACK ? rollbackCursor : wave;
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
    rollbackOutcome = outcome;
    outcomeReason = reason;
    rollbackCursor = Math.max(deployedThrough, deployingWave);
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
