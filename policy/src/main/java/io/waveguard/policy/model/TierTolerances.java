package io.waveguard.policy.model;

/**
 * The largest deployed/controls rate ratio each tier accepts: a wave may enter a tier only once the
 * release's confidence sequence puts the ratio's upper bound below that tier's tolerance. Higher
 * tiers tolerate less, so they need more evidence before they see the build.
 */
public record TierTolerances(
    double low, double standard, double financeCritical, double safetyCritical) {

  public TierTolerances {
    for (double t : new double[] {low, standard, financeCritical, safetyCritical}) {
      if (!(t > 1) || Double.isInfinite(t)) {
        throw new IllegalArgumentException("every tier tolerance must be finite and > 1");
      }
    }
    if (standard > low || financeCritical > standard || safetyCritical > financeCritical) {
      throw new IllegalArgumentException(
          "a higher tier may not tolerate more than a lower one (low >= standard >="
              + " finance-critical >= safety-critical)");
    }
  }

  /** low 2.0, standard 1.5, finance-critical 1.2, safety-critical 1.1 (DESIGN §4). */
  public static TierTolerances defaults() {
    return new TierTolerances(2.0, 1.5, 1.2, 1.1);
  }

  public double of(Tier tier) {
    return switch (tier) {
      case LOW -> low;
      case STANDARD -> standard;
      case FINANCE_CRITICAL -> financeCritical;
      case SAFETY_CRITICAL -> safetyCritical;
    };
  }
}
