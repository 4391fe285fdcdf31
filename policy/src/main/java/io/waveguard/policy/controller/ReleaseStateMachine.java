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
import java.util.List;
import java.util.Optional;

/**
 * The release controller: a pure, deterministic state machine (no Temporal, no clock, no I/O).
 *
 * <p>Bodies ask {@link #next()} what to do, do it, and report the outcome through one of the event
 * methods. Operator commands are checked with {@link #rejection} before {@link #apply} changes
 * anything, so an invalid command leaves the release exactly as it was. Events that arrive for a
 * step the machine has already left (a bake that elapses after an abort) are ignored.
 *
 * <p>This class is the controller's face; the decisions behind gate verdicts, rollbacks and
 * operator commands live in {@link GateVerdicts}, {@link RollbackSteps} and {@link OperatorRules},
 * all working on one {@link ReleaseProgress}.
 */
public final class ReleaseStateMachine {

  private final ReleaseProgress p;
  private final GateVerdicts gates;
  private final RollbackSteps rollback;
  private final OperatorRules operators;

  /** A machine that goes straight from one wave's gate to the next wave (releases before v1). */
  public ReleaseStateMachine(ReleasePolicy policy) {
    this(policy, false);
  }

  /**
   * @param replanBetweenWaves true to ask for a {@link ReleaseCommand.Replan} before every wave
   *     after the first, so fresh trust can reorder the rest and tier thresholds are enforced
   */
  public ReleaseStateMachine(ReleasePolicy policy, boolean replanBetweenWaves) {
    this(new ReleaseProgress(policy, replanBetweenWaves));
  }

  private ReleaseStateMachine(ReleaseProgress progress) {
    this.p = progress;
    this.gates = new GateVerdicts(progress);
    this.rollback = new RollbackSteps(progress);
    this.operators = new OperatorRules(progress, rollback);
  }

  /** A machine that goes on exactly where {@code state} left off. */
  public static ReleaseStateMachine restore(ReleasePolicy policy, ReleaseMachineState state) {
    return new ReleaseStateMachine(ReleaseProgress.restore(policy, state));
  }

  /** All the machine knows, for the release's next run (continue-as-new). */
  public ReleaseMachineState state() {
    return p.state();
  }

  // ---- features, chosen before planning -------------------------------------------------------

  /**
   * Turns re-planning on; only before planning, so a running release never changes its mind. A
   * release that already ended (aborted by a signal before its workflow ran) ignores it.
   */
  public void enableReplanning() {
    if (mayEnable("re-planning")) {
      p.replanBetweenWaves = true;
    }
  }

  /**
   * Judges waves with the release-wide sequential gate: bakes of one gate period at a time, a
   * verdict after each, moving on once the gate passes and the minimum bake is over, pausing at the
   * maximum bake. Only before planning, and only when the policy carries the sequential gate.
   */
  public void enableSequentialGate() {
    if (!mayEnable("the sequential gate")) {
      return;
    }
    if (!p.policy.hasSequentialGate()) {
      throw new IllegalStateException("the release policy has no sequential gate");
    }
    p.sequentialGate = true;
  }

  /**
   * A pause that arrives during the last wave's bake holds the release before COMPLETED (releases
   * before this change completed regardless). Only before planning.
   */
  public void enablePauseBeforeCompletion() {
    if (mayEnable("pause-before-completion")) {
      p.pauseHoldsCompletion = true;
    }
  }

  /**
   * A rollback that fails on one wave goes on with the waves below it, then names the targets still
   * on the new build and waits for an operator's retry-rollback (releases before this change ended
   * FAILED at the first failed wave). Only before planning.
   */
  public void enableCompleteRollback() {
    if (mayEnable("complete rollback")) {
      p.completeRollback = true;
    }
  }

  /**
   * Starts a wave only when the policy's change calendar allows it: before each deploy the body is
   * asked to check the calendar ({@link ReleaseCommand.AwaitChangeWindow}) and to wait on a timer
   * while it is closed. Rollbacks never wait. Only before planning.
   */
  public void enableChangeWindows() {
    if (mayEnable("change windows")) {
      p.changeWindows = true;
    }
  }

  /**
   * Asks for approval of every tier a wave holds that the policy names, not only its highest: a
   * wave of standard, finance- and safety-critical targets under {@code approvalTiers:
   * [finance-critical]} waits (releases before this change asked about the highest tier only). Only
   * before planning.
   */
  public void enableApprovalOfEveryTier() {
    if (mayEnable("approval of every tier")) {
      p.approveEveryTier = true;
    }
  }

  /** False for a release that already ended; throws once planning is done. */
  private boolean mayEnable(String feature) {
    if (p.phase == Phase.DONE) {
      return false;
    }
    if (p.phase != Phase.PLANNING) {
      throw new IllegalStateException(feature + " can only be enabled before planning");
    }
    return true;
  }

  public boolean usesSequentialGate() {
    return p.sequentialGate;
  }

  // ---- what to do next ------------------------------------------------------------------------

  /** The step to take now. Pure: asking twice without an event in between gives the same answer. */
  public ReleaseCommand next() {
    return switch (p.phase) {
      case PLANNING -> new ReleaseCommand.Plan();
      case WAIT_FOR_TARGETS -> new ReleaseCommand.AwaitTargets(p.heldClaims, p.heldBy);
      case DEPLOY -> nextDeployStep();
      case BAKE -> new ReleaseCommand.Bake(p.wave, p.extension);
      case GATE ->
          new ReleaseCommand.EvaluateGate(
              p.wave, p.extension, p.sequentialGate ? p.entryTier(p.wave) : null);
      case REPLAN -> new ReleaseCommand.Replan(p.wave);
      case HOLD_AFTER_LAST -> new ReleaseCommand.AwaitResume(p.wave, p.pauseReason);
      case ROLLBACK -> new ReleaseCommand.RollBackWave(p.rollback.current());
      case ROLLBACK_CHECK -> new ReleaseCommand.ListStrandedTargets();
      case ROLLBACK_INCOMPLETE -> new ReleaseCommand.AwaitRetryRollback(p.outcomeReason);
      case DONE -> new ReleaseCommand.Finish(p.finalStatus, p.outcomeReason);
    };
  }

  private ReleaseCommand nextDeployStep() {
    if (p.paused) {
      return new ReleaseCommand.AwaitResume(p.wave, p.pauseReason);
    }
    List<Tier> unapproved = p.tiersAwaitingApproval(p.wave);
    if (!unapproved.isEmpty()) {
      return new ReleaseCommand.AwaitApproval(p.wave, unapproved.get(0));
    }
    // Checked last, right before deploying: a wait for approval may outlast a window.
    if (p.changeWindows && p.windowOpenFor != p.wave) {
      return new ReleaseCommand.AwaitChangeWindow(p.wave, p.windowWait);
    }
    return new ReleaseCommand.DeployWave(p.wave);
  }

  /**
   * True when nothing is in flight and the next step starts a new wave (its re-plan or its deploy),
   * waits for an operator or waits for held targets: the places a release may continue as new.
   */
  public boolean isAtRest() {
    if (p.deployingWave != 0) {
      return false;
    }
    ReleaseCommand next = next();
    return next instanceof ReleaseCommand.Replan
        || next instanceof ReleaseCommand.AwaitResume
        || next instanceof ReleaseCommand.AwaitApproval
        || next instanceof ReleaseCommand.AwaitRetryRollback
        || next instanceof ReleaseCommand.AwaitTargets
        || next instanceof ReleaseCommand.AwaitChangeWindow
        || (next instanceof ReleaseCommand.DeployWave deploy && deploy.wave() > 1);
  }

  // ---- events reported by the body: planning --------------------------------------------------

  public void planned(List<WaveSummary> plannedWaves) {
    if (!isPlanning()) {
      return;
    }
    p.heldBy = null;
    if (plannedWaves.isEmpty()) {
      p.finish(ReleaseStatus.FAILED, "the target selector matched no targets");
      return;
    }
    p.waves.plan(plannedWaves);
    p.enterDeploy(1);
  }

  public void planFailed(String reason) {
    if (isPlanning()) {
      p.finish(ReleaseStatus.FAILED, "planning failed: " + reason);
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
    if (!p.policy.waitsForHeldTargets()) {
      p.finish(ReleaseStatus.FAILED, "targets held: " + holder);
      return;
    }
    p.phase = Phase.WAIT_FOR_TARGETS;
    p.heldClaims++;
    p.heldBy = holder;
    p.changed();
  }

  /** Planning is still to do: first time, or again after the targets were found held. */
  private boolean isPlanning() {
    return p.phase == Phase.PLANNING || p.phase == Phase.WAIT_FOR_TARGETS;
  }

  /**
   * The remaining plan was re-ranked. Waves keep their sizes and tiers, so only impacts change; a
   * hold (tier threshold or evidence not met) pauses the release before {@code next} with its
   * reason, for an operator to resume or abort.
   */
  public void replanned(int next, List<WaveSummary> remaining, Optional<String> hold) {
    if (p.phase != Phase.REPLAN || p.wave != next) {
      return;
    }
    p.waves.replace(remaining);
    hold.ifPresent(p::holdFor);
    p.enterDeploy(next);
  }

  /** Re-planning failed for good: the stored plan stands, but no tier check ran, so hold. */
  public void replanFailed(int next, String reason) {
    if (p.phase == Phase.REPLAN && p.wave == next) {
      p.holdFor("re-plan before wave " + next + " failed (" + reason + "); the stored plan stands");
      p.enterDeploy(next);
    }
  }

  // ---- events reported by the body: change windows --------------------------------------------

  /** The change calendar allows wave {@code w} to start now: it deploys next. */
  public void changeWindowOpen(int w) {
    if (p.changeWindows && p.phase == Phase.DEPLOY && p.wave == w && p.windowOpenFor != w) {
      p.windowOpenFor = w;
      p.windowWait = null;
      p.changed();
    }
  }

  /**
   * The change calendar does not allow wave {@code w} to start now; {@code waitingUntil} says until
   * when and why ("until 2026-12-07T09:00+01:00[Europe/Berlin], outside the change windows"). The
   * release shows WAITING_FOR_WINDOW until the body checks again.
   */
  public void changeWindowClosed(int w, String waitingUntil) {
    if (p.changeWindows
        && p.phase == Phase.DEPLOY
        && p.wave == w
        && p.windowOpenFor != w
        && !waitingUntil.equals(p.windowWait)) {
      p.windowWait = waitingUntil;
      p.changed();
    }
  }

  // ---- events reported by the body: deploy, bake, gate ----------------------------------------

  public void deployStarted(int w) {
    if (p.phase == Phase.DEPLOY && p.wave == w) {
      p.deployingWave = w;
      p.setWaveStatus(w, WaveStatus.DEPLOYING);
    }
  }

  public void waveDeployed(int w) {
    p.deployingWave = 0;
    p.deployedThrough = Math.max(p.deployedThrough, w);
    if (p.phase == Phase.DEPLOY && p.wave == w) {
      p.setWaveStatus(w, WaveStatus.BAKING);
      p.phase = Phase.BAKE;
      p.extension = 0;
      p.changed();
    } else if (p.phase == Phase.ROLLBACK) {
      // An abort arrived while this wave was deploying: it must be undone too.
      p.rollback.include(w);
      p.changed();
    }
  }

  /** A deploy failed permanently: undo what was deployed, including this wave's partial work. */
  public void deployFailed(int w, String reason) {
    p.deployingWave = 0;
    p.deployedThrough = Math.max(p.deployedThrough, w);
    p.setWaveStatus(w, WaveStatus.FAILED);
    if (p.phase == Phase.DEPLOY && p.wave == w) {
      p.startRollback(ReleaseStatus.FAILED, "deployment of wave " + w + " failed: " + reason);
    } else if (p.phase == Phase.ROLLBACK) {
      p.rollback.include(w);
      p.changed();
    }
  }

  public void bakeElapsed(int w) {
    if (p.phase == Phase.BAKE && p.wave == w) {
      p.phase = Phase.GATE;
      p.setWaveStatus(w, WaveStatus.EVALUATING);
    }
  }

  /** The gate judged wave {@code w}: see {@link GateVerdicts} for what each verdict does. */
  public void gateEvaluated(int w, GateResult result) {
    gates.evaluated(w, result);
  }

  // ---- events reported by the body: rollback --------------------------------------------------

  public void waveRolledBack(int w) {
    rollback.rolledBack(w);
  }

  /**
   * The wave's rollback failed for good. The waves below it are still tried; once all were, the
   * release lists the targets left on the new build.
   */
  public void rollbackFailed(int w, String reason) {
    rollback.failed(w, reason);
  }

  /**
   * After failed rollbacks, the targets that still run the new build. None left (the failures undid
   * their targets after all) ends the release as if every wave had rolled back.
   */
  public void strandedTargetsListed(StrandedTargets stranded) {
    rollback.strandedListed(stranded);
  }

  /** The targets left on the new build could not be listed: name the waves instead. */
  public void strandedTargetsUnknown(String reason) {
    rollback.strandedUnknown(reason);
  }

  // ---- operator commands ----------------------------------------------------------------------

  /** Why the action is not allowed now, or empty when it is. Never changes anything. */
  public Optional<String> rejection(OperatorAction action) {
    return operators.rejection(action);
  }

  /**
   * Carries out a valid operator action.
   *
   * @throws TransitionRejectedException when {@link #rejection} objects; nothing changes then
   */
  public void apply(OperatorAction action, OperatorCommand command) {
    operators.apply(action, command);
  }

  // ---- read side ------------------------------------------------------------------------------

  public ReleaseStatus status() {
    return switch (p.phase) {
      case PLANNING -> ReleaseStatus.PLANNING;
      case WAIT_FOR_TARGETS -> ReleaseStatus.WAITING_FOR_TARGETS;
      case ROLLBACK, ROLLBACK_CHECK -> ReleaseStatus.ROLLING_BACK;
      case ROLLBACK_INCOMPLETE -> ReleaseStatus.ROLLBACK_INCOMPLETE;
      case DONE -> p.finalStatus;
      case HOLD_AFTER_LAST -> ReleaseStatus.PAUSED;
      default -> {
        if (p.paused) {
          yield ReleaseStatus.PAUSED;
        }
        if (p.awaitingApproval()) {
          yield ReleaseStatus.AWAITING_APPROVAL;
        }
        yield p.waitingForWindow() ? ReleaseStatus.WAITING_FOR_WINDOW : ReleaseStatus.RUNNING;
      }
    };
  }

  /** While waiting for held targets: who holds them, in words; null otherwise. */
  public String heldBy() {
    return p.phase == Phase.WAIT_FOR_TARGETS ? p.heldBy : null;
  }

  /** While the next wave waits for its change window: until when and why; null otherwise. */
  public String windowWait() {
    return p.waitingForWindow() ? p.windowWait : null;
  }

  public boolean usesChangeWindows() {
    return p.changeWindows;
  }

  /** The wave the release is working on (the one being rolled back while rolling back). */
  public int currentWave() {
    return p.phase == Phase.ROLLBACK ? p.rollback.current() : p.wave;
  }

  /** True once the release is undoing its waves: a deploy still running should stop. */
  public boolean isRollingBackOrDone() {
    return p.phase == Phase.ROLLBACK || p.phase == Phase.ROLLBACK_CHECK || p.phase == Phase.DONE;
  }

  /** What a rollback left on the new build; empty unless a rollback failed. */
  public StrandedTargets strandedTargets() {
    StrandedTargets stranded = p.rollback.stranded();
    return stranded == null ? StrandedTargets.NONE : stranded;
  }

  public List<WaveSummary> waves() {
    return p.waves.summaries();
  }

  public WaveStatus waveStatus(int w) {
    return p.waves.status(w);
  }

  public Optional<GateResult> gateResult(int w) {
    return p.waves.gate(w);
  }

  public String pauseReason() {
    return p.pauseReason;
  }

  /** Why the release ended (or is rolling back); null while it runs normally. */
  public String outcomeReason() {
    return p.outcomeReason;
  }

  /** What notifications compare from step to step ({@link ReleaseEvents}). */
  public ReleaseObservation observe() {
    ReleaseStatus status = status();
    int passed = 0;
    for (int w = 1; w <= p.waves.count(); w++) {
      if (p.waves.status(w) == WaveStatus.PASSED) {
        passed++;
      }
    }
    Tier awaiting =
        next() instanceof ReleaseCommand.AwaitApproval approval ? approval.tier() : null;
    String reason =
        switch (status) {
          case PAUSED -> p.pauseReason;
          case ROLLING_BACK, ROLLBACK_INCOMPLETE, COMPLETED, ROLLED_BACK, ABORTED, FAILED ->
              p.outcomeReason;
          default -> null;
        };
    return new ReleaseObservation(
        status, currentWave(), p.waves.count(), passed, awaiting, reason, p.revision);
  }

  /** Grows with every change, so a body can wait for "anything happened". */
  public int revision() {
    return p.revision;
  }
}
