package io.waveguard.policy.plan;

import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.trust.TargetHistory;
import io.waveguard.policy.trust.TrustParameters;
import io.waveguard.policy.trust.TrustScore;
import io.waveguard.policy.trust.TrustScorer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Plans waves by trust-weighted risk (DESIGN §3–§4): tiers in order, ascending risk within a tier,
 * waves growing along cumulative impact steps, and every tier entry checked against the trust of
 * the targets planned before it. Pure and deterministic; every target is placed exactly once.
 */
public final class TrustWeightedPlanner implements WavePlanner {

  private final TrustPlanParameters parameters;
  private final TrustScore prior;
  private final Map<String, TrustScore> fixedTrust;

  /** A planner that is given trust per call through {@link #plan(List, Map)}. */
  public TrustWeightedPlanner(TrustPlanParameters parameters, TrustScore prior) {
    this(parameters, prior, Map.of());
  }

  /**
   * A planner bound to one trust snapshot, so it can serve as a {@link WavePlanner}.
   *
   * @param prior the score of a target with no evidence, used for targets missing from the map
   */
  public TrustWeightedPlanner(
      TrustPlanParameters parameters, TrustScore prior, Map<String, TrustScore> trust) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    this.prior = Objects.requireNonNull(prior, "prior");
    this.fixedTrust = Map.copyOf(Objects.requireNonNull(trust, "trust"));
  }

  /** The score the trust model gives a target without history or telemetry. */
  public static TrustScore noEvidence(TrustParameters trustParameters) {
    return new TrustScorer(trustParameters).score(TargetHistory.empty(0));
  }

  /**
   * Plans with the trust snapshot given at construction. The seed and release policy are not used:
   * the order is fully determined by trust, and sizing by {@link TrustPlanParameters}.
   */
  @Override
  public List<PlannedWave> plan(long seed, List<Target> targets, ReleasePolicy policy) {
    return plan(targets, fixedTrust).waves();
  }

  /**
   * Plans the targets with their trust scores; targets missing from {@code trust} get the prior.
   *
   * @throws IllegalArgumentException when there are no targets, an id repeats, or a size is
   *     negative
   */
  public TrustPlan plan(List<Target> targets, Map<String, TrustScore> trust) {
    Objects.requireNonNull(targets, "targets");
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("at least one target is needed");
    }
    Map<String, TrustScore> scores = trust == null ? Map.of() : trust;
    Set<String> ids = new HashSet<>(targets.size() * 2);
    List<RankedTarget> ranked = new ArrayList<>(targets.size());
    for (Target target : targets) {
      if (!ids.add(target.id())) {
        throw new IllegalArgumentException("target '" + target.id() + "' appears twice");
      }
      TrustScore score = scores.get(target.id());
      boolean priorUsed = score == null;
      ranked.add(
          RankedTarget.of(target, priorUsed ? prior : score, priorUsed, parameters.tierWeights()));
    }
    ranked.sort(RankedTarget.PLAN_ORDER);
    return new WaveCutter(parameters, ranked).cut();
  }
}
