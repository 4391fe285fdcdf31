package io.waveguard.policy.plan;

import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.Strategy;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.trust.TrustParameters;
import io.waveguard.policy.trust.TrustScore;
import java.util.Map;

/** Picks the planner for a release's strategy; the workflow and the simulator both come here. */
public final class WavePlanners {

  private WavePlanners() {}

  /**
   * The planner for {@code strategy}; trust-weighted plans with the given trust snapshot.
   *
   * @param prior the score of a target without any evidence, for targets missing from {@code trust}
   */
  public static WavePlanner forStrategy(
      Strategy strategy,
      TrustPlanParameters parameters,
      TrustScore prior,
      Map<String, TrustScore> trust) {
    return switch (strategy) {
      case ALL_AT_ONCE -> new AllAtOncePlanner();
      case CANARY -> new CanaryPlanner();
      case WAVES -> new GrowingWavesPlanner();
      case TRUST_WEIGHTED -> new TrustWeightedPlanner(parameters, prior, trust);
    };
  }

  /** The planner with default trust parameters and no trust known: every target on the prior. */
  public static WavePlanner forStrategy(Strategy strategy) {
    return forStrategy(
        strategy,
        TrustPlanParameters.defaults(),
        TrustWeightedPlanner.noEvidence(TrustParameters.defaults()),
        Map.of());
  }

  /**
   * The most waves a plan of {@code strategy} over {@code targets} targets can have, without
   * planning it: what a start is checked against before anything runs (history grows with waves).
   */
  public static int maxWaveCount(
      Strategy strategy, int targets, ReleasePolicy policy, TrustPlanParameters parameters) {
    return switch (strategy) {
      case ALL_AT_ONCE -> Math.min(1, targets);
      case CANARY ->
          WaveSizing.cumulativePercentages(targets, CanaryPlanner.DEFAULT_PERCENTS).size();
      case WAVES -> WaveSizing.geometric(targets, 1, policy).size();
      // A cut per step, one per tier boundary, and a probe into every tier after the first.
      case TRUST_WEIGHTED ->
          Math.min(
              targets,
              parameters.cumulativeImpactSteps().size()
                  + Tier.values().length
                  + (parameters.tierProbeShare() > 0 ? Tier.values().length - 1 : 0));
    };
  }
}
