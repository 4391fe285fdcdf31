package io.waveguard.policy.controller;

import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.StrandedTargets;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.WaveStatus;
import io.waveguard.policy.model.WaveSummary;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@link ReleaseStateMachine} knows, as plain data: what a release carries into its
 * next run when it continues as new, so the new run decides exactly as the old one would have.
 *
 * @param features the behaviours enabled at start (re-planning, sequential gate, ...), which a
 *     running release never changes
 * @param heldClaims how many claims found the targets held by another release, so far
 * @param heldBy who held them at the last claim, in words; null when none did
 * @param windowOpenFor the wave whose start the change calendar last allowed; 0 when none
 * @param windowWait why and until when the current wave waits for its change window; null when it
 *     does not
 */
public record ReleaseMachineState(
    Features features,
    String phase,
    int wave,
    int extension,
    int deployingWave,
    int deployedThrough,
    boolean paused,
    String pauseReason,
    List<Tier> approvedTiers,
    ReleaseStatus finalStatus,
    String outcomeReason,
    int revision,
    int heldClaims,
    String heldBy,
    Waves waves,
    Rollback rollback,
    int windowOpenFor,
    String windowWait) {

  /** The behaviours a release was started with. */
  public record Features(
      boolean replanBetweenWaves,
      boolean sequentialGate,
      boolean pauseHoldsCompletion,
      boolean completeRollback,
      boolean changeWindows,
      boolean approveEveryTier) {

    /** Releases from before change windows existed. */
    public Features(
        boolean replanBetweenWaves,
        boolean sequentialGate,
        boolean pauseHoldsCompletion,
        boolean completeRollback) {
      this(
          replanBetweenWaves, sequentialGate, pauseHoldsCompletion, completeRollback, false, false);
    }
  }

  /**
   * The plan's waves: summary, status and latest gate result of each, in wave order.
   *
   * @param gates a wave that has not been judged yet has a null entry
   */
  public record Waves(
      List<WaveSummary> summaries, List<WaveStatus> statuses, List<GateResult> gates) {}

  /** A rollback's progress; empty lists and null outcome before any rollback began. */
  public record Rollback(
      List<Integer> toUndo,
      Map<Integer, String> failures,
      int highestIncluded,
      ReleaseStatus outcome,
      String reason,
      StrandedTargets stranded) {}
}
