package io.waveguard.policy.model;

/**
 * One planned wave as the workflow sees it: counts, not target lists, so history stays small.
 *
 * @param index 1-based position in the plan
 * @param highestTier the most critical tier in the wave; approvals are keyed on it
 * @param impact summed impact of the wave's targets
 */
public record WaveSummary(int index, int targetCount, Tier highestTier, double impact) {}
