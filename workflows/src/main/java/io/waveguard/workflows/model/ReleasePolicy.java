package io.waveguard.workflows.model;

import java.util.List;

/**
 * The knobs of one release. Every field has a default (see {@link #defaults()}); a request may
 * override any of them.
 *
 * @param bakeSeconds how long each wave runs before its gate is evaluated
 * @param maxBakeExtensions how often an inconclusive gate may extend the bake before a human
 *     decides
 * @param firstWavePercent share of the targets in the first wave
 * @param waveGrowthFactor each wave is this many times larger than the one before
 * @param maxErrorRateRatio the gate fails a wave whose error rate exceeds the controls' by this
 *     factor
 * @param minRequestsPerCohort the gate needs this many requests in each cohort to decide
 * @param approvalTiers tiers whose first wave waits for an operator's approval
 */
public record ReleasePolicy(
    long bakeSeconds,
    int maxBakeExtensions,
    double firstWavePercent,
    double waveGrowthFactor,
    double maxErrorRateRatio,
    long minRequestsPerCohort,
    List<Tier> approvalTiers) {

  public ReleasePolicy {
    approvalTiers = approvalTiers == null ? List.of() : List.copyOf(approvalTiers);
  }

  public static ReleasePolicy defaults() {
    return new ReleasePolicy(600, 2, 5.0, 3.0, 2.0, 1_000, List.of());
  }

  public ReleasePolicy withBakeSeconds(long seconds) {
    return new ReleasePolicy(
        seconds,
        maxBakeExtensions,
        firstWavePercent,
        waveGrowthFactor,
        maxErrorRateRatio,
        minRequestsPerCohort,
        approvalTiers);
  }

  public ReleasePolicy withApprovalTiers(List<Tier> tiers) {
    return new ReleasePolicy(
        bakeSeconds,
        maxBakeExtensions,
        firstWavePercent,
        waveGrowthFactor,
        maxErrorRateRatio,
        minRequestsPerCohort,
        tiers);
  }

  public boolean requiresApproval(Tier tier) {
    return approvalTiers.contains(tier);
  }
}
