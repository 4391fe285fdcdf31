package io.waveguard.policy.trust;

import io.waveguard.policy.model.Target;
import java.util.Comparator;

/**
 * What deploying to one target now puts at stake: impact I = tier weight × size, risk = I × (1 −
 * trust lower bound). Uses the lower bound, not the mean, so an unknown target is not treated as a
 * well-known average one.
 *
 * @param targetId the target
 * @param impact tier weight × size
 * @param trustLowerBound the lower credible bound of the target's trust
 * @param value impact × (1 − trustLowerBound)
 */
public record Risk(String targetId, double impact, double trustLowerBound, double value) {

  /** Lowest risk first; ties broken by target id so plans are reproducible. */
  public static final Comparator<Risk> ASCENDING =
      Comparator.comparingDouble(Risk::value).thenComparing(Risk::targetId);

  public static Risk of(Target target, TrustScore trust, TierWeights weights) {
    return of(target, trust.lowerBound(), weights);
  }

  public static Risk of(Target target, double trustLowerBound, TierWeights weights) {
    if (!(trustLowerBound >= 0 && trustLowerBound <= 1)) {
      throw new IllegalArgumentException("trust lower bound must be in [0, 1]");
    }
    if (!(target.size() >= 0)) {
      throw new IllegalArgumentException("target size must be >= 0");
    }
    double impact = impact(target, weights);
    return new Risk(target.id(), impact, trustLowerBound, impact * (1 - trustLowerBound));
  }

  /** Tier weight × size. */
  public static double impact(Target target, TierWeights weights) {
    return weights.weight(target.tier()) * target.size();
  }
}
