package io.waveguard.policy.plan;

import io.waveguard.policy.model.Tier;
import io.waveguard.policy.trust.TierWeights;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The knobs of trust-weighted planning (DESIGN §4); {@link #defaults()} documents each default.
 *
 * @param tierWeights impact per unit of size on each tier (low 1, standard 3, finance 10, safety
 *     30)
 * @param tierThresholds the deployed cohort's impact-weighted mean trust lower bound needed before
 *     a wave enters the tier; tiers not configured use 0 (low 0, standard 0.5, finance 0.7, safety
 *     0.8)
 * @param cumulativeImpactSteps the share of total impact deployed after each step, strictly
 *     increasing in (0, 1] and ending at 1 (1 %, 5 %, 20 %, 50 %, 100 %)
 * @param minTargetsPerWave the fewest targets a wave may hold, unless its tier has fewer left (1)
 * @param tierProbeShare the first wave into every tier after the first carries at most this share
 *     of that tier's impact, so a fault only that tier shows meets the gate on a few targets first;
 *     0 turns probes off (0.1)
 */
public record TrustPlanParameters(
    TierWeights tierWeights,
    Map<Tier, Double> tierThresholds,
    List<Double> cumulativeImpactSteps,
    int minTargetsPerWave,
    double tierProbeShare) {

  public TrustPlanParameters {
    if (tierWeights == null) {
      throw new IllegalArgumentException("tierWeights must be given");
    }
    EnumMap<Tier, Double> thresholds = new EnumMap<>(Tier.class);
    if (tierThresholds != null) {
      tierThresholds.forEach(
          (tier, threshold) -> {
            if (threshold == null || !(threshold >= 0 && threshold <= 1)) {
              throw new IllegalArgumentException("threshold of " + tier + " must be in [0, 1]");
            }
            thresholds.put(tier, threshold);
          });
    }
    tierThresholds = Map.copyOf(thresholds);
    if (cumulativeImpactSteps == null || cumulativeImpactSteps.isEmpty()) {
      throw new IllegalArgumentException("cumulativeImpactSteps must not be empty");
    }
    cumulativeImpactSteps = List.copyOf(cumulativeImpactSteps);
    double previous = 0;
    for (double step : cumulativeImpactSteps) {
      if (!(step > previous && step <= 1)) {
        throw new IllegalArgumentException("steps must increase strictly within (0, 1]");
      }
      previous = step;
    }
    if (previous != 1.0) {
      throw new IllegalArgumentException("the last step must be 1 (all impact deployed)");
    }
    if (minTargetsPerWave < 1) {
      throw new IllegalArgumentException("minTargetsPerWave must be >= 1");
    }
    if (!(tierProbeShare >= 0 && tierProbeShare < 1)) {
      throw new IllegalArgumentException("tierProbeShare must be in [0, 1)");
    }
  }

  /** Without tier probes. */
  public TrustPlanParameters(
      TierWeights tierWeights,
      Map<Tier, Double> tierThresholds,
      List<Double> cumulativeImpactSteps,
      int minTargetsPerWave) {
    this(tierWeights, tierThresholds, cumulativeImpactSteps, minTargetsPerWave, 0);
  }

  /**
   * Default tier weights, thresholds 0 / 0.5 / 0.7 / 0.8, steps 1-5-20-50-100 %, one target, and a
   * probe of 10 % of each tier's impact at every tier entry after the first.
   */
  public static TrustPlanParameters defaults() {
    return new TrustPlanParameters(
        TierWeights.defaults(),
        Map.of(
            Tier.LOW, 0.0,
            Tier.STANDARD, 0.5,
            Tier.FINANCE_CRITICAL, 0.7,
            Tier.SAFETY_CRITICAL, 0.8),
        List.of(0.01, 0.05, 0.20, 0.50, 1.0),
        1,
        0.1);
  }

  /** These parameters with other cumulative impact steps. */
  public TrustPlanParameters withSteps(List<Double> steps) {
    return new TrustPlanParameters(
        tierWeights, tierThresholds, steps, minTargetsPerWave, tierProbeShare);
  }

  /** These parameters with other tier thresholds. */
  public TrustPlanParameters withThresholds(Map<Tier, Double> thresholds) {
    return new TrustPlanParameters(
        tierWeights, thresholds, cumulativeImpactSteps, minTargetsPerWave, tierProbeShare);
  }

  /** These parameters with another minimum wave size. */
  public TrustPlanParameters withMinTargetsPerWave(int minTargets) {
    return new TrustPlanParameters(
        tierWeights, tierThresholds, cumulativeImpactSteps, minTargets, tierProbeShare);
  }

  /** These parameters with tier probes of another size (0: none). */
  public TrustPlanParameters withTierProbeShare(double share) {
    return new TrustPlanParameters(
        tierWeights, tierThresholds, cumulativeImpactSteps, minTargetsPerWave, share);
  }

  /** The cohort trust a wave needs before it enters {@code tier}. */
  public double threshold(Tier tier) {
    return tierThresholds.getOrDefault(tier, 0.0);
  }
}
