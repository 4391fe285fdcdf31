package io.waveguard.policy.trust;

import io.waveguard.policy.model.Tier;
import java.util.EnumMap;
import java.util.Map;

/**
 * How much harm a bad build does per unit of size on each tier; tiers not configured use {@link
 * Tier#defaultWeight()}.
 */
public record TierWeights(Map<Tier, Double> weights) {

  public TierWeights {
    EnumMap<Tier, Double> copy = new EnumMap<>(Tier.class);
    if (weights != null) {
      weights.forEach(
          (tier, weight) -> {
            if (weight == null || !(weight >= 0) || Double.isInfinite(weight)) {
              throw new IllegalArgumentException("weight of " + tier + " must be finite and >= 0");
            }
            copy.put(tier, weight);
          });
    }
    weights = Map.copyOf(copy);
  }

  /** Low 1, standard 3, finance-critical 10, safety-critical 30. */
  public static TierWeights defaults() {
    return new TierWeights(Map.of());
  }

  public double weight(Tier tier) {
    Double configured = weights.get(tier);
    return configured != null ? configured : tier.defaultWeight();
  }
}
