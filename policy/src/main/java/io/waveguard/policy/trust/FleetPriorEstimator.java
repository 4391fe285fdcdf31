package io.waveguard.policy.trust;

import java.util.List;
import java.util.Optional;

/** Method-of-moments fit of a Beta prior to the success fractions of a fleet's targets. */
final class FleetPriorEstimator {

  /** Fewer targets with evidence than this cannot pin down a variance. */
  static final int MIN_TARGETS = 10;

  /** Targets with less (decayed) evidence than this say little about their own rate; skipped. */
  static final double MIN_OUTCOMES_PER_TARGET = 1.0;

  // Below 2 pseudo-counts the prior turns U-shaped and a new target's lower bound collapses to 0;
  // above 50 a target needs hundreds of deployments before its own record moves its trust.
  static final double MIN_STRENGTH = 2;
  static final double MAX_STRENGTH = 50;

  private FleetPriorEstimator() {}

  /** {alpha, beta}, or empty when the fleet gives too little evidence. */
  static Optional<double[]> fit(List<double[]> goodBad) {
    int k = 0;
    double sumFraction = 0;
    double sumSquares = 0;
    double sumInverseCount = 0;
    for (double[] counts : goodBad) {
      if (counts.length != 2 || !(counts[0] >= 0) || !(counts[1] >= 0)) {
        throw new IllegalArgumentException("each entry must be {good >= 0, bad >= 0}");
      }
      double n = counts[0] + counts[1];
      if (n < MIN_OUTCOMES_PER_TARGET) {
        continue;
      }
      double fraction = counts[0] / n;
      k++;
      sumFraction += fraction;
      sumSquares += fraction * fraction;
      sumInverseCount += 1 / n;
    }
    if (k < MIN_TARGETS) {
      return Optional.empty();
    }
    double mean = sumFraction / k;
    if (mean <= 0 || mean >= 1) {
      // A fleet that never (or always) fails gives no spread to fit; keep the default prior.
      return Optional.empty();
    }
    double observedVariance = (sumSquares - k * mean * mean) / (k - 1);
    // Each fraction is itself noisy (binomial with n_i trials): subtract that noise so a fleet of
    // identical targets with short histories is not mistaken for a heterogeneous one.
    double h = sumInverseCount / k;
    double between = (observedVariance - mean * (1 - mean) * h) / (1 - Math.min(h, 0.999));
    double strength =
        between <= 0 ? MAX_STRENGTH : mean * (1 - mean) / between - 1; // Var = m(1−m)/(κ+1)
    strength = Math.max(MIN_STRENGTH, Math.min(MAX_STRENGTH, strength));
    return Optional.of(new double[] {mean * strength, (1 - mean) * strength});
  }
}
