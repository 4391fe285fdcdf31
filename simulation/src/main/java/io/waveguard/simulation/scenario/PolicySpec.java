package io.waveguard.simulation.scenario;

import java.util.List;

/**
 * Policy overrides: the release policy and the policy core's gate, trust and planning parameters.
 *
 * @param minEvidenceRequests requests the deployed cohort must have served before a higher tier is
 *     entered (trust gates); 0 = {@code minRequestsPerCohort}, as the re-plan activity uses
 */
public record PolicySpec(
    long bakeSeconds,
    int maxBakeExtensions,
    double firstWavePercent,
    double waveGrowthFactor,
    double maxErrorRateRatio,
    long minRequestsPerCohort,
    List<String> approvalTiers,
    long minEvidenceRequests,
    GateSpec gate,
    TrustSpec trust,
    PlanSpec plan) {

  public PolicySpec {
    approvalTiers = approvalTiers == null ? List.of() : List.copyOf(approvalTiers);
  }
}
