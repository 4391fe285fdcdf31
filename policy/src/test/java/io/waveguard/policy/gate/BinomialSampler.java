package io.waveguard.policy.gate;

import java.util.Random;

/** Seeded binomial draws by CDF inversion; cheap while n·p stays small (tens). */
final class BinomialSampler {

  private final Random random;

  BinomialSampler(long seed) {
    this.random = new Random(seed);
  }

  long next(long n, double p) {
    if (n * p > 200) {
      throw new IllegalArgumentException("inversion is meant for small means, got n·p=" + n * p);
    }
    double u = random.nextDouble();
    double q = p / (1 - p);
    double probability = Math.exp(n * Math.log1p(-p)); // P(X = 0)
    double cumulative = probability;
    long k = 0;
    while (u > cumulative && k < n) {
      probability *= (n - k) * q / (k + 1);
      k++;
      cumulative += probability;
    }
    return k;
  }
}
