package io.waveguard.simulation.world;

import io.waveguard.policy.trust.BetaDistribution;
import java.util.SplittableRandom;

/**
 * A seeded random stream keyed by the coordinates of what it draws (seed, release, wave, period,
 * target...), so every number is a pure function of where it is used, never of the order in which
 * threads or bodies ask for it.
 */
public final class Rng {

  private final SplittableRandom random;

  private Rng(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** The stream for these coordinates. */
  public static Rng at(long... keys) {
    return new Rng(mix(keys));
  }

  /** A well-mixed 64-bit hash of the coordinates (SplitMix64 finaliser per step). */
  public static long mix(long... keys) {
    long h = 0x9E3779B97F4A7C15L;
    for (long key : keys) {
      h = finalise(h ^ finalise(key + 0x632BE59BD9B4E019L));
    }
    return h;
  }

  private static long finalise(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1). */
  public double uniform() {
    return random.nextDouble();
  }

  /** Uniform in (0, 1): safe to take a logarithm of. */
  public double openUniform() {
    double u;
    do {
      u = random.nextDouble();
    } while (u == 0);
    return u;
  }

  public boolean bernoulli(double p) {
    return random.nextDouble() < p;
  }

  /** Standard normal (polar Box–Muller, one of the pair used, so the stream stays simple). */
  public double gaussian() {
    double u;
    double v;
    double s;
    do {
      u = 2 * random.nextDouble() - 1;
      v = 2 * random.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    return u * Math.sqrt(-2 * Math.log(s) / s);
  }

  /** Gamma(shape, scale 1): Marsaglia–Tsang, with the shape < 1 boost. */
  public double gamma(double shape) {
    if (shape < 1) {
      return gamma(shape + 1) * Math.pow(openUniform(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = gaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = openUniform();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  /** Beta(a, b) as a ratio of gammas. */
  public double beta(double a, double b) {
    double x = gamma(a);
    return x / (x + gamma(b));
  }

  /**
   * Poisson(mean): inversion below 10, Hörmann's PTRS transformed rejection above, so a cohort's
   * error count costs O(1) whatever its traffic.
   */
  public long poisson(double mean) {
    if (!(mean > 0)) {
      return 0;
    }
    if (mean < 10) {
      double limit = Math.exp(-mean);
      double product = random.nextDouble();
      long k = 0;
      while (product > limit) {
        k++;
        product *= random.nextDouble();
      }
      return k;
    }
    double slam = Math.sqrt(mean);
    double logLam = Math.log(mean);
    double b = 0.931 + 2.53 * slam;
    double a = -0.059 + 0.02483 * b;
    double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    double vr = 0.9277 - 3.6224 / (b - 2);
    while (true) {
      double u = random.nextDouble() - 0.5;
      double v = openUniform();
      double us = 0.5 - Math.abs(u);
      long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) {
        return k;
      }
      if (k < 0 || (us < 0.013 && v > us)) {
        continue;
      }
      double lhs = Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b);
      double rhs = -mean + k * logLam - BetaDistribution.logGamma(k + 1.0);
      if (lhs <= rhs) {
        return k;
      }
    }
  }

  /**
   * Binomial(n, p): Bernoulli draws for small n, the Poisson limit of whichever tail is rare, and
   * the normal approximation otherwise, so a cohort's count costs O(1) whatever its size.
   */
  public long binomial(long n, double p) {
    if (n <= 0 || !(p > 0)) {
      return 0;
    }
    if (p >= 1) {
      return n;
    }
    if (n < 40) {
      long k = 0;
      for (long i = 0; i < n; i++) {
        if (random.nextDouble() < p) {
          k++;
        }
      }
      return k;
    }
    if (n * p < 15) {
      return Math.min(n, poisson(n * p));
    }
    if (n * (1 - p) < 15) {
      return n - Math.min(n, poisson(n * (1 - p)));
    }
    double draw = n * p + Math.sqrt(n * p * (1 - p)) * gaussian();
    return Math.max(0, Math.min(n, Math.round(draw)));
  }
}
