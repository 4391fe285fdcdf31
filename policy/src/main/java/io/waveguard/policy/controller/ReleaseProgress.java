package io.waveguard.policy.controller;

import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.WaveStatus;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The mutable state behind one {@link ReleaseStateMachine}, shared by the classes that decide each
 * part of a release ({@link GateVerdicts}, {@link RollbackSteps}, {@link OperatorRules}), with the
 * transitions they all use. Plain data by design: it converts one to one into {@link
 * ReleaseMachineState}, which continue-as-new carries.
 */
final class ReleaseProgress {

  final ReleasePolicy policy;
  boolean replanBetweenWaves;
  boolean sequentialGate;
  boolean pauseHoldsCompletion;
  boolean completeRollback;
  boolean changeWindows;
  boolean approveEveryTier;

  Phase phase = Phase.PLANNING;
  int wave;
  int extension;
  int deployingWave;
  int deployedThrough;
  boolean paused;
  String pauseReason;
  final Set<Tier> approvedTiers = EnumSet.noneOf(Tier.class);
  ReleaseStatus finalStatus;
  String outcomeReason;
  int revision;
  int heldClaims;
  String heldBy;
  final WaveLedger waves = new WaveLedger();
  final RollbackLedger rollback = new RollbackLedger();
  int windowOpenFor;
  String windowWait;

  ReleaseProgress(ReleasePolicy policy, boolean replanBetweenWaves) {
    this.policy = policy;
    this.replanBetweenWaves = replanBetweenWaves;
  }

  ReleaseMachineState state() {
    return new ReleaseMachineState(
        new ReleaseMachineState.Features(
            replanBetweenWaves,
            sequentialGate,
            pauseHoldsCompletion,
            completeRollback,
            changeWindows,
            approveEveryTier),
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
        rollback.state(),
        windowOpenFor,
        windowWait);
  }

  static ReleaseProgress restore(ReleasePolicy policy, ReleaseMachineState state) {
    ReleaseMachineState.Features features = state.features();
    ReleaseProgress p = new ReleaseProgress(policy, features.replanBetweenWaves());
    p.sequentialGate = features.sequentialGate();
    p.pauseHoldsCompletion = features.pauseHoldsCompletion();
    p.completeRollback = features.completeRollback();
    p.changeWindows = features.changeWindows();
    p.approveEveryTier = features.approveEveryTier();
    p.phase = Phase.valueOf(state.phase());
    p.wave = state.wave();
    p.extension = state.extension();
    p.deployingWave = state.deployingWave();
    p.deployedThrough = state.deployedThrough();
    p.paused = state.paused();
    p.pauseReason = state.pauseReason();
    p.approvedTiers.addAll(state.approvedTiers());
    p.finalStatus = state.finalStatus();
    p.outcomeReason = state.outcomeReason();
    p.revision = state.revision();
    p.heldClaims = state.heldClaims();
    p.heldBy = state.heldBy();
    p.waves.restore(state.waves());
    p.rollback.restore(state.rollback());
    p.windowOpenFor = state.windowOpenFor();
    p.windowWait = state.windowWait();
    return p;
  }

  /** True while the next wave waits for an operator to approve its tier. */
  boolean awaitingApproval() {
    if (phase != Phase.DEPLOY || deployingWave == wave) {
      return false;
    }
    return !tiersAwaitingApproval(wave).isEmpty();
  }

  /**
   * The wave's tiers that need an operator's approval and have none yet, most critical first.
   * Releases from before every tier was checked ask only about the wave's highest tier.
   */
  List<Tier> tiersAwaitingApproval(int w) {
    List<Tier> tiers = approveEveryTier ? waves.tiers(w) : List.of(waves.tier(w));
    return tiers.stream()
        .filter(t -> policy.requiresApproval(t) && !approvedTiers.contains(t))
        .sorted(Comparator.reverseOrder())
        .toList();
  }

  /** True while the current wave waits for its change window (and nothing else holds it). */
  boolean waitingForWindow() {
    return phase == Phase.DEPLOY
        && !paused
        && !awaitingApproval()
        && deployingWave != wave
        && windowWait != null;
  }

  /** The tier the sequential gate judges a wave for: the next wave's, or its own when last. */
  Tier entryTier(int w) {
    return waves.tier(w < waves.count() ? w + 1 : w);
  }

  void enterNextWave(int w) {
    if (!replanBetweenWaves) {
      enterDeploy(w);
      return;
    }
    phase = Phase.REPLAN;
    wave = w;
    extension = 0;
    changed();
  }

  void enterDeploy(int w) {
    phase = Phase.DEPLOY;
    wave = w;
    extension = 0;
    windowWait = null;
    changed();
  }

  /** Pauses before the current step with {@code reason}, added to a pause already in place. */
  void holdFor(String reason) {
    pauseReason = paused ? pauseReason + "; " + reason : reason;
    paused = true;
  }

  void startRollback(ReleaseStatus outcome, String reason) {
    phase = Phase.ROLLBACK;
    outcomeReason = reason;
    rollback.begin(outcome, reason, Math.max(deployedThrough, deployingWave));
    paused = false;
    changed();
  }

  void finish(ReleaseStatus status, String reason) {
    phase = Phase.DONE;
    finalStatus = status;
    outcomeReason = reason;
    paused = false;
    changed();
  }

  void setWaveStatus(int w, WaveStatus status) {
    waves.setStatus(w, status);
    changed();
  }

  void changed() {
    revision++;
  }
}
