package io.waveguard.simulation.scenario;

import java.util.List;

/**
 * Policy overrides: the release policy and the policy core's gate, trust and planning parameters.
 *
 * @param minEvidenceRequests requests the deployed cohort must have served before a higher tier is
 *     entered under the per-wave gate; 0 = {@code minRequestsPerCohort}, as the re-plan activity
 *     uses (the sequential gate's confidence bound replaces the count)
 * @param gate the per-wave gate (strategies that keep fixed bakes: canary, waves, all-at-once)
 * @param sequentialGate the release-wide sequential gate (trust-weighted and the ablations)
 */
public record PolicySpec(
    long bakeSeconds,
    int maxBakeExtensions,
    double firstWavePercent,
    double waveGrowthFactor,
    long minRequestsPerCohort,
    List<String> approvalTiers,
    long minEvidenceRequests,
    GateSpec gate,
    SequentialGateSpec sequentialGate,
    TrustSpec trust,
    PlanSpec plan) {

  public PolicySpec {
    approvalTiers = approvalTiers == null ? List.of() : List.copyOf(approvalTiers);
  }
}
