package io.waveguard.simulation.scenario;

import java.util.List;
import java.util.Map;

/**
 * Trust-weighted planning overrides (TrustPlanParameters of the policy core).
 *
 * @param tierThresholds deployed-cohort trust needed to enter each tier, by tier wire name
 * @param cumulativeImpactSteps cumulative impact shares after each step, ending at 1
 * @param tierProbeShare the first wave into each later tier carries at most this share of it (0:
 *     off)
 */
public record PlanSpec(
    Map<String, Double> tierThresholds,
    List<Double> cumulativeImpactSteps,
    int minTargetsPerWave,
    double tierProbeShare) {

  public PlanSpec {
    tierThresholds = tierThresholds == null ? Map.of() : Map.copyOf(tierThresholds);
    cumulativeImpactSteps = List.copyOf(cumulativeImpactSteps);
  }
}
