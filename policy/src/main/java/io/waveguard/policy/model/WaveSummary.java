package io.waveguard.policy.model;

import java.util.EnumSet;
import java.util.List;

/**
 * One planned wave as the workflow sees it: counts, not target lists, so history stays small.
 *
 * @param index 1-based position in the plan
 * @param highestTier the most critical tier in the wave
 * @param impact summed impact of the wave's targets
 * @param tiers every tier the wave holds, least critical first; plans recorded before waves named
 *     them carry only {@code highestTier}. Approvals are asked for each of them
 */
public record WaveSummary(
    int index, int targetCount, Tier highestTier, double impact, List<Tier> tiers) {

  public WaveSummary {
    tiers =
        tiers == null || tiers.isEmpty()
            ? List.of(highestTier)
            : List.copyOf(EnumSet.copyOf(tiers));
  }

  /** A wave of one tier (or whose other tiers are not known). */
  public WaveSummary(int index, int targetCount, Tier highestTier, double impact) {
    this(index, targetCount, highestTier, impact, null);
  }
}
