package io.waveguard.policy.gate.sequential;

/**
 * The evidence of one metric in one stratum, accumulated over the whole release: the log likelihood
 * of every grid ratio θ. It never resets at a wave boundary.
 *
 * <p><b>Concurrent controls.</b> Each period, given the n events both sides saw, the deployed
 * side's count is Binomial(n, π(θ)) with π(θ) = θπ / (θπ + 1 − π), π its share under "no change"
 * (from each side's baselines). Conditioning on n removes anything that moves both sides alike
 * (traffic, incidents), and the product of the periods' likelihood ratios is a test martingale
 * under θ = 1 however π moves as waves grow (Lindon et al., KDD '22; Kulldorff's MaxSPRT).
 *
 * <p><b>Historical controls</b> (the last wave, when no target is left without the build): the same
 * targets before the release, x_B events over exposure R_B. With the release's x_D over R_D so far,
 * the Bayes factor under the scale-invariant prior on the common rate is θ^x_D · ((R_D + R_B) /
 * (θR_D + R_B))^(x_D + x_B), which is an e-process for θ = 1 (group invariance), kept as cumulative
 * totals.
 *
 * <p>Mixtures over grid points are e-values, so the gate may look after every period without
 * inflating its error rates: fail when the mixture over θ &gt; 1 reaches 1/α; a tier with tolerance
 * τ may be entered when the mixture over θ &lt; τ against τ reaches 1/entryα (the upper end of a
 * confidence sequence on θ is then below τ).
 */
public record RatioEvidence(
    double[] concurrentLogLikelihood,
    long deployedEvents,
    long controlEvents,
    long historicalDeployedEvents,
    double historicalDeployedExposure,
    long historicalBaselineEvents,
    double historicalBaselineExposure) {

  public RatioEvidence {
    concurrentLogLikelihood = concurrentLogLikelihood.clone();
  }

  public static RatioEvidence empty(RatioGrid grid) {
    return new RatioEvidence(new double[grid.size()], 0, 0, 0, 0, 0, 0);
  }

  @Override
  public double[] concurrentLogLikelihood() {
    return concurrentLogLikelihood.clone();
  }

  /** One period against concurrent controls; a side with no exposure carries no comparison. */
  RatioEvidence plusConcurrent(RatioGrid grid, long deployed, long control, double expectedShare) {
    double[] next = concurrentLogLikelihood.clone();
    long total = deployed + control;
    if (expectedShare > 0 && expectedShare < 1) {
      for (int j = 0; j < next.length; j++) {
        double theta = grid.at(j);
        next[j] += deployed * Math.log(theta) - total * Math.log1p((theta - 1) * expectedShare);
      }
    }
    return new RatioEvidence(
        next,
        deployedEvents + deployed,
        controlEvents + control,
        historicalDeployedEvents,
        historicalDeployedExposure,
        historicalBaselineEvents,
        historicalBaselineExposure);
  }

  /**
   * One period against the deployed targets' own past. The baseline is taken from the first such
   * period and kept: it is one fixed window, and counting it again would count it twice.
   */
  RatioEvidence plusHistorical(
      long deployed, double deployedExposure, long baselineEvents, double baselineExposure) {
    boolean first = historicalBaselineExposure == 0;
    return new RatioEvidence(
        concurrentLogLikelihood,
        deployedEvents + deployed,
        controlEvents,
        historicalDeployedEvents + deployed,
        historicalDeployedExposure + deployedExposure,
        first ? baselineEvents : historicalBaselineEvents,
        first ? baselineExposure : historicalBaselineExposure);
  }

  /** Log likelihood of each grid ratio, relative to an arbitrary constant. */
  double[] logLikelihood(RatioGrid grid) {
    double[] total = concurrentLogLikelihood.clone();
    double rd = historicalDeployedExposure;
    double rb = historicalBaselineExposure;
    if (rd > 0 && rb > 0) {
      long events = historicalDeployedEvents + historicalBaselineEvents;
      for (int j = 0; j < total.length; j++) {
        double theta = grid.at(j);
        total[j] +=
            historicalDeployedEvents * Math.log(theta)
                - events * Math.log((theta * rd + rb) / (rd + rb));
      }
    }
    return total;
  }

  /** Log of the rollback e-value: the uniform mixture over θ &gt; 1 against θ = 1. */
  double logFailEvidence(RatioGrid grid) {
    double[] l = logLikelihood(grid);
    int one = grid.indexOf(1.0);
    return logMeanExp(l, one + 1, l.length, l[one]);
  }

  /**
   * Log of the entry e-value against θ ≥ tolerance: half the weight on θ = 1 (what a good release
   * is), half spread evenly over the other grid points below the tolerance.
   */
  double logEntryEvidence(RatioGrid grid, double tolerance) {
    double[] l = logLikelihood(grid);
    int tol = grid.indexOf(tolerance);
    int one = grid.indexOf(1.0);
    double reference = l[tol];
    if (tol <= one) {
      return logMeanExp(l, 0, tol, reference);
    }
    double atOne = l[one] - reference;
    int others = tol - 1;
    if (others == 0) {
      return atOne;
    }
    double rest = logSumExpExcept(l, 0, tol, one, reference) - Math.log(others);
    return logAddExp(Math.log(0.5) + atOne, Math.log(0.5) + rest);
  }

  /**
   * The smallest grid ratio u for which "θ ≥ u" is rejected at {@code logThreshold}: the upper end
   * of the confidence sequence, rounded up to the grid. Infinite when not even the largest is.
   */
  double upperBound(RatioGrid grid, double logThreshold) {
    for (int j = 1; j < grid.size(); j++) {
      if (logEntryEvidence(grid, grid.at(j)) >= logThreshold) {
        return grid.at(j);
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  /** The grid ratio of highest likelihood; 1 while nothing was seen. */
  double estimate(RatioGrid grid) {
    double[] l = logLikelihood(grid);
    int best = grid.indexOf(1.0);
    for (int j = 0; j < l.length; j++) {
      if (l[j] > l[best] + 1e-12) {
        best = j;
      }
    }
    return grid.at(best);
  }

  long events() {
    return deployedEvents + controlEvents + historicalBaselineEvents;
  }

  private static double logMeanExp(double[] l, int from, int to, double reference) {
    if (to <= from) {
      return Double.NEGATIVE_INFINITY;
    }
    return logSumExpExcept(l, from, to, -1, reference) - Math.log(to - from);
  }

  private static double logSumExpExcept(double[] l, int from, int to, int skip, double reference) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = from; j < to; j++) {
      if (j != skip) {
        max = Math.max(max, l[j] - reference);
      }
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    double sum = 0;
    for (int j = from; j < to; j++) {
      if (j != skip) {
        sum += Math.exp(l[j] - reference - max);
      }
    }
    return max + Math.log(sum);
  }

  private static double logAddExp(double a, double b) {
    double max = Math.max(a, b);
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    return max + Math.log(Math.exp(a - max) + Math.exp(b - max));
  }
}
