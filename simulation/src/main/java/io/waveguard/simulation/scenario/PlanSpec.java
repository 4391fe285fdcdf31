package io.waveguard.simulation.scenario;

import java.util.List;
import java.util.Map;

/**
 * Trust-weighted planning overrides (TrustPlanParameters of the policy core).
 *
 * @param tierThresholds deployed-cohort trust needed to enter each tier, by tier wire name
 * @param cumulativeImpactSteps cumulative impact shares after each step, ending at 1
 */
public record PlanSpec(
    Map<String, Double> tierThresholds, List<Double> cumulativeImpactSteps, int minTargetsPerWave) {

  public PlanSpec {
    tierThresholds = tierThresholds == null ? Map.of() : Map.copyOf(tierThresholds);
    cumulativeImpactSteps = List.copyOf(cumulativeImpactSteps);
  }
}
