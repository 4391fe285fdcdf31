package io.waveguard.policy.gate;

import io.waveguard.policy.model.GateVerdict;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * One-sided Mann–Whitney U test of "deployed latencies are stochastically larger than the
 * controls'", normal approximation with tie and continuity correction. Rank-based, so it needs no
 * assumption about the (heavy-tailed) latency distribution and is not moved by a few outliers.
 */
public final class LatencyShiftCheck {

  private static final double SQRT_2 = Math.sqrt(2);
  private static final double[] ERFC_COEFFICIENTS = {
    -1.26551223,
    1.00002368,
    0.37409196,
    0.09678418,
    -0.18628806,
    0.27886807,
    -1.13520398,
    1.48851587,
    -0.82215223,
    0.17087277
  };

  private final LatencyShiftParameters parameters;

  public LatencyShiftCheck(LatencyShiftParameters parameters) {
    this.parameters = Objects.requireNonNull(parameters);
  }

  public LatencyShiftCheck() {
    this(LatencyShiftParameters.defaults());
  }

  /** Compares latency samples of the deployed cohort and the controls over the same window. */
  public LatencyShiftResult evaluate(double[] deployed, double[] control) {
    double[] d = sortedCopy(deployed, "deployed");
    double[] c = sortedCopy(control, "control");
    int n1 = d.length;
    int n2 = c.length;
    double pairs = (double) n1 * n2;

    double u = 0;
    double z = 0;
    double p = 1;
    if (n1 > 0 && n2 > 0) {
      RankSum ranks = rankSum(d, c);
      u = ranks.deployed - n1 * (n1 + 1.0) / 2;
      double total = n1 + (double) n2;
      double variance = pairs / 12 * ((total + 1) - ranks.tieTerm / (total * (total - 1)));
      // All values tied: no ordering at all, so no evidence that deployed is slower.
      if (variance > 0) {
        z = (u - pairs / 2 - 0.5) / Math.sqrt(variance);
        p = upperTail(z);
      }
    }
    double effect = pairs == 0 ? 0.5 : u / pairs;
    return new LatencyShiftResult(
        verdict(n1, n2, p, effect), u, z, p, effect, n1, n2, reason(n1, n2, z, p, effect));
  }

  private GateVerdict verdict(int n1, int n2, double p, double effect) {
    int min = parameters.minSamplesPerCohort();
    if (n1 < min || n2 < min) {
      return GateVerdict.INCONCLUSIVE;
    }
    boolean slower = p < parameters.alpha() && effect >= parameters.minEffect();
    return slower ? GateVerdict.FAIL : GateVerdict.PASS;
  }

  private String reason(int n1, int n2, double z, double p, double effect) {
    int min = parameters.minSamplesPerCohort();
    if (n1 < min || n2 < min) {
      return "latency test needs %d samples per cohort; deployed has %d, controls %d"
          .formatted(min, n1, n2);
    }
    return String.format(
        Locale.ROOT,
        "Mann-Whitney: P(deployed slower)=%.3f (fail at ≥ %.3f), z=%.3f, one-sided p=%.3g"
            + " (fail below %.3g); %d deployed vs %d control samples",
        effect,
        parameters.minEffect(),
        z,
        p,
        parameters.alpha(),
        n1,
        n2);
  }

  private record RankSum(double deployed, double tieTerm) {}

  /** Walks both sorted samples together, giving tied values their mid-rank. */
  private static RankSum rankSum(double[] d, double[] c) {
    int i = 0;
    int j = 0;
    long rank = 0; // ranks handed out so far
    double deployedRanks = 0;
    double tieTerm = 0;
    while (i < d.length || j < c.length) {
      double v = j >= c.length || (i < d.length && d[i] <= c[j]) ? d[i] : c[j];
      int inD = 0;
      while (i < d.length && d[i] == v) {
        i++;
        inD++;
      }
      int inC = 0;
      while (j < c.length && c[j] == v) {
        j++;
        inC++;
      }
      double t = inD + inC;
      double midRank = rank + (t + 1) / 2;
      deployedRanks += inD * midRank;
      tieTerm += t * t * t - t;
      rank += inD + inC;
    }
    return new RankSum(deployedRanks, tieTerm);
  }

  private static double[] sortedCopy(double[] sample, String name) {
    Objects.requireNonNull(sample, name);
    double[] copy = sample.clone();
    for (double v : copy) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(name + " latencies must be finite");
      }
    }
    Arrays.sort(copy);
    return copy;
  }

  /** P(Z > z) for a standard normal Z. */
  public static double upperTail(double z) {
    return 0.5 * erfc(z / SQRT_2);
  }

  /**
   * Complementary error function, Chebyshev fit with fractional error below 1.2e-7 everywhere
   * (Numerical Recipes' erfcc): relative accuracy holds in the far tail, where p-values live.
   */
  static double erfc(double x) {
    double ax = Math.abs(x);
    double t = 1 / (1 + 0.5 * ax);
    double poly = 0;
    for (int k = ERFC_COEFFICIENTS.length - 1; k >= 0; k--) {
      poly = poly * t + ERFC_COEFFICIENTS[k];
    }
    double value = t * Math.exp(-ax * ax + poly);
    return x >= 0 ? value : 2 - value;
  }
}
