package io.waveguard.policy.controller;

import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.WaveStatus;
import io.waveguard.policy.model.WaveSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The plan's waves as the release controller tracks them: each wave's summary, status and latest
 * gate result, indexed from 1. Keeps that bookkeeping out of {@link ReleaseStateMachine}, which
 * decides.
 */
final class WaveLedger {

  private List<WaveSummary> summaries = List.of();
  private WaveStatus[] statuses = new WaveStatus[0];
  private GateResult[] gates = new GateResult[0];

  /** Starts tracking a fresh plan: every wave PENDING, no gate results. */
  void plan(List<WaveSummary> planned) {
    summaries = List.copyOf(planned);
    statuses = new WaveStatus[summaries.size()];
    Arrays.fill(statuses, WaveStatus.PENDING);
    gates = new GateResult[summaries.size()];
  }

  ReleaseMachineState.Waves state() {
    return new ReleaseMachineState.Waves(
        summaries, Arrays.asList(statuses.clone()), Arrays.asList(gates.clone()));
  }

  void restore(ReleaseMachineState.Waves state) {
    summaries = List.copyOf(state.summaries());
    statuses = state.statuses().toArray(WaveStatus[]::new);
    gates = state.gates().toArray(GateResult[]::new);
  }

  int count() {
    return summaries.size();
  }

  List<WaveSummary> summaries() {
    return summaries;
  }

  Tier tier(int wave) {
    return summaries.get(wave - 1).highestTier();
  }

  /** Every tier the wave holds, least critical first. */
  List<Tier> tiers(int wave) {
    return summaries.get(wave - 1).tiers();
  }

  WaveStatus status(int wave) {
    return statuses[wave - 1];
  }

  void setStatus(int wave, WaveStatus status) {
    statuses[wave - 1] = status;
  }

  Optional<GateResult> gate(int wave) {
    return Optional.ofNullable(gates[wave - 1]);
  }

  /** Keeps a gate result; one for a wave the plan does not have is dropped. */
  void recordGate(int wave, GateResult result) {
    if (wave >= 1 && wave <= gates.length) {
      gates[wave - 1] = result;
    }
  }

  /**
   * Replaces re-planned waves' summaries. Sizes and tiers must stay, since approvals and the
   * workflow's view rest on them; otherwise nothing changes.
   *
   * @throws IllegalArgumentException when a summary changes a wave's size or tier
   */
  void replace(List<WaveSummary> replanned) {
    List<WaveSummary> updated = new ArrayList<>(summaries);
    for (WaveSummary summary : replanned) {
      WaveSummary old = updated.get(summary.index() - 1);
      if (old.targetCount() != summary.targetCount()
          || old.highestTier() != summary.highestTier()) {
        throw new IllegalArgumentException(
            "re-plan changed the size or tier of wave " + summary.index());
      }
      // A re-plan read back from storage may not name the wave's tiers; the plan's still hold.
      updated.set(
          summary.index() - 1,
          summary.tiers().size() < old.tiers().size()
              ? new WaveSummary(
                  summary.index(),
                  summary.targetCount(),
                  summary.highestTier(),
                  summary.impact(),
                  old.tiers())
              : summary);
    }
    summaries = List.copyOf(updated);
  }
}
