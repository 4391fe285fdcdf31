package io.waveguard.policy.trust;

/**
 * The Beta distribution's CDF and quantile, written out because the workflows module may depend on
 * no maths library. Accurate to about 1e-12 for shape parameters up to 1e5; a quantile closer to 1
 * than a double can resolve (only for tiny b with large a) comes back as the nearest double.
 */
public final class BetaDistribution {

  // Lanczos approximation, g = 7, nine coefficients: ~15 significant digits for x > 0.
  private static final double LANCZOS_G = 7.0;
  private static final double[] LANCZOS = {
    0.99999999999980993,
    676.5203681218851,
    -1259.1392167224028,
    771.32342877765313,
    -176.61502916214059,
    12.507343278686905,
    -0.13857109526572012,
    9.9843695780195716e-6,
    1.5056327351493116e-7
  };
  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
  // The continued fraction needs O(sqrt(max(a, b))) terms; this covers shapes far beyond 1e5.
  private static final int MAX_FRACTION_TERMS = 10_000;
  private static final double FRACTION_EPSILON = 1e-15;
  private static final double TINY = 1e-300;

  private BetaDistribution() {}

  /** ln Γ(x) for x > 0. */
  public static double logGamma(double x) {
    if (!(x > 0)) {
      throw new IllegalArgumentException("logGamma needs x > 0, got " + x);
    }
    if (x < 0.5) {
      // Reflection keeps the series in its accurate range: Γ(x)Γ(1−x) = π / sin(πx).
      return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
    }
    double z = x - 1;
    double sum = LANCZOS[0];
    for (int i = 1; i < LANCZOS.length; i++) {
      sum += LANCZOS[i] / (z + i);
    }
    double t = z + LANCZOS_G + 0.5;
    return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
  }

  /** The regularized incomplete beta function I_x(a, b): the CDF of Beta(a, b) at x. */
  public static double cdf(double x, double a, double b) {
    checkShape(a, b);
    if (Double.isNaN(x)) {
      throw new IllegalArgumentException("x is NaN");
    }
    return cdf(x, a, b, logBeta(a, b));
  }

  /** The p-quantile of Beta(a, b): the smallest x with cdf(x, a, b) ≥ p. */
  public static double quantile(double p, double a, double b) {
    checkShape(a, b);
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("p must be in [0, 1], got " + p);
    }
    if (p == 0) {
      return 0;
    }
    if (p == 1) {
      return 1;
    }
    // Bisection over the bit patterns of the doubles in [0, 1], which sort like the numbers they
    // encode: cannot diverge (the CDF is monotone), needs at most 62 steps, and resolves
    // quantiles of 1e-300 as well as 0.5. Returns the smallest double whose CDF reaches p.
    //
    // Most of those steps are far from the answer, where the CDF's side of p is certain. A few
    // Newton steps find a narrow zone around the answer whose edges are verified to lie clearly
    // on either side; the bisection then takes the steps outside the zone without evaluating the
    // CDF and evaluates only inside it. Its path, and so its answer, stays bit for bit the same,
    // even where rounding makes the computed CDF wobble across p within a few doubles.
    double logBeta = logBeta(a, b); // the same for every step
    double[] zone = zone(p, a, b, logBeta);
    long lo = Double.doubleToRawLongBits(0.0);
    long hi = Double.doubleToRawLongBits(1.0);
    long zoneLo = Double.doubleToRawLongBits(zone[0]);
    long zoneHi = Double.doubleToRawLongBits(zone[1]);
    while (hi - lo > 1) {
      long mid = lo + (hi - lo) / 2;
      boolean below =
          mid <= zoneLo || (mid < zoneHi && cdf(Double.longBitsToDouble(mid), a, b, logBeta) < p);
      if (below) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return Double.longBitsToDouble(hi);
  }

  /**
   * [low, high] with the CDF clearly below p at low and clearly at or above it at high, around the
   * Newton estimate of the quantile; {0, 1} (evaluate every step) when no such zone is found.
   */
  private static double[] zone(double p, double a, double b, double logBeta) {
    double x = a / (a + b);
    for (int step = 0; step < 40; step++) {
      double next = x - (cdf(x, a, b, logBeta) - p) / density(x, a, b, logBeta);
      if (!(next > 0 && next < 1)) {
        return new double[] {0, 1};
      }
      boolean converged = Math.abs(next - x) <= 1e-14 * x;
      x = next;
      if (converged) {
        break;
      }
    }
    // "Clearly": by far more than the CDF's own rounding error, a few units in p's last place.
    double margin = 1024 * Math.ulp(p);
    for (double width = 1e-12; width <= 1e-6; width *= 1000) {
      double low = x * (1 - width);
      double high = Math.min(1, x * (1 + width));
      if (cdf(low, a, b, logBeta) < p - margin && cdf(high, a, b, logBeta) >= p + margin) {
        return new double[] {low, high};
      }
    }
    return new double[] {0, 1};
  }

  /** The density of Beta(a, b) at x in (0, 1). */
  private static double density(double x, double a, double b, double logBeta) {
    return Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logBeta);
  }

  /** Mean of Beta(a, b). */
  public static double mean(double a, double b) {
    checkShape(a, b);
    return a / (a + b);
  }

  private static double cdf(double x, double a, double b, double logBeta) {
    if (x <= 0) {
      return 0;
    }
    if (x >= 1) {
      return 1;
    }
    double front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - logBeta);
    // The fraction converges fast only left of the mean; use the symmetry I_x(a,b) = 1 −
    // I_1−x(b,a).
    if (x < (a + 1) / (a + b + 2)) {
      return front * continuedFraction(x, a, b) / a;
    }
    return 1 - front * continuedFraction(1 - x, b, a) / b;
  }

  /** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
  private static double logBeta(double a, double b) {
    return logGamma(a) + logGamma(b) - logGamma(a + b);
  }

  // Modified Lentz evaluation of the incomplete-beta continued fraction.
  private static double continuedFraction(double x, double a, double b) {
    double qab = a + b;
    double qap = a + 1;
    double qam = a - 1;
    double c = 1;
    double d = 1 - qab * x / qap;
    d = 1 / nonZero(d);
    double h = d;
    for (int m = 1; m <= MAX_FRACTION_TERMS; m++) {
      int m2 = 2 * m;
      double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
      d = 1 / nonZero(1 + aa * d);
      c = nonZero(1 + aa / c);
      h *= d * c;
      aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
      d = 1 / nonZero(1 + aa * d);
      c = nonZero(1 + aa / c);
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < FRACTION_EPSILON) {
        return h;
      }
    }
    throw new ArithmeticException(
        "incomplete beta did not converge for x=%s a=%s b=%s".formatted(x, a, b));
  }

  private static double nonZero(double v) {
    return Math.abs(v) < TINY ? TINY : v;
  }

  private static void checkShape(double a, double b) {
    if (!(a > 0 && b > 0) || Double.isInfinite(a) || Double.isInfinite(b)) {
      throw new IllegalArgumentException(
          "Beta shape parameters must be finite and > 0, got a=%s b=%s".formatted(a, b));
    }
  }
}
