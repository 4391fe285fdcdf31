package io.waveguard.policy.controller;

import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.StrandedTargets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A rollback's bookkeeping for {@link ReleaseStateMachine}: the waves still to undo (highest
 * first), the ones whose rollback failed for good with why, and what that left on the new build. A
 * failed wave does not stop the rollback: every deployed wave is tried, and a retry re-drives only
 * the failed ones.
 */
final class RollbackLedger {

  private final TreeSet<Integer> toUndo = new TreeSet<>();
  private final Map<Integer, String> failures = new TreeMap<>();
  private int highestIncluded;
  private ReleaseStatus outcome;
  private String reason;
  private StrandedTargets stranded;

  ReleaseMachineState.Rollback state() {
    return new ReleaseMachineState.Rollback(
        List.copyOf(toUndo), Map.copyOf(failures), highestIncluded, outcome, reason, stranded);
  }

  void restore(ReleaseMachineState.Rollback state) {
    toUndo.clear();
    toUndo.addAll(state.toUndo());
    failures.clear();
    failures.putAll(state.failures());
    highestIncluded = state.highestIncluded();
    outcome = state.outcome();
    reason = state.reason();
    stranded = state.stranded();
  }

  /**
   * Starts undoing waves {@code deployedThrough} down to 1; the release then ends {@code outcome}.
   */
  void begin(ReleaseStatus outcome, String reason, int deployedThrough) {
    this.outcome = outcome;
    this.reason = reason;
    toUndo.clear();
    failures.clear();
    stranded = null;
    highestIncluded = 0;
    include(deployedThrough);
  }

  /** Waves up to {@code wave} were (or may have been) deployed after the rollback began. */
  void include(int wave) {
    for (int w = highestIncluded + 1; w <= wave; w++) {
      toUndo.add(w);
    }
    highestIncluded = Math.max(highestIncluded, wave);
  }

  /** The wave to undo now; 0 when every wave has been tried. */
  int current() {
    return toUndo.isEmpty() ? 0 : toUndo.last();
  }

  void undone(int wave) {
    toUndo.remove(wave);
  }

  void failed(int wave, String why) {
    toUndo.remove(wave);
    failures.put(wave, why);
  }

  boolean hasFailures() {
    return !failures.isEmpty();
  }

  /** Tries the failed waves again, highest first. */
  void retry() {
    toUndo.addAll(failures.keySet());
    failures.clear();
    stranded = null;
  }

  void stranded(StrandedTargets targets) {
    stranded = targets;
  }

  /** What the rollback left on the new build; null until listed. */
  StrandedTargets stranded() {
    return stranded;
  }

  ReleaseStatus outcome() {
    return outcome;
  }

  /** Why the rollback began. */
  String reason() {
    return reason;
  }

  /** "wave 3: deployer answered 403; wave 1: ..." (highest first, the order they were tried). */
  String failureSummary() {
    return failures.entrySet().stream()
        .sorted(Map.Entry.<Integer, String>comparingByKey().reversed())
        .map(e -> "wave " + e.getKey() + ": " + e.getValue())
        .collect(Collectors.joining("; "));
  }
}
