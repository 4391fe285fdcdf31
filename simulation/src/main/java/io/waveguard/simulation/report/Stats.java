package io.waveguard.simulation.report;

import io.waveguard.simulation.world.Rng;
import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Confidence intervals: Wilson's score interval for rates (valid at 0 and 1 events, where a
 * bootstrap collapses to a point) and a seed-cluster percentile bootstrap for everything else:
 * resampling whole seeds, because releases of one seed share a fleet and are not independent.
 */
public final class Stats {

  /**
   * Resamples per bootstrap; the percentile interval's Monte-Carlo error is then well under the
   * interval widths reported.
   */
  public static final int RESAMPLES = 1000;

  private static final double Z95 = 1.959963984540054;

  private Stats() {}

  /** Wilson score interval of k successes in n trials. */
  public static Estimate wilson(long k, long n) {
    if (n == 0) {
      return Estimate.NONE;
    }
    double p = (double) k / n;
    double z2 = Z95 * Z95;
    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
    return new Estimate(p, Math.max(0, centre - half), Math.min(1, centre + half));
  }

  /**
   * A rate from per-seed 0/1 outcomes: the pooled rate with the union of Wilson's interval and the
   * seed-cluster bootstrap's. Wilson alone treats releases as independent and is too narrow when
   * the rate differs from fleet to fleet; the bootstrap alone collapses to a point at 0 events.
   */
  public static Estimate rate(double[][] bySeed, long bootstrapSeed) {
    long events = 0;
    long trials = 0;
    for (double[] seed : bySeed) {
      for (double v : seed) {
        events += v != 0 ? 1 : 0;
        trials++;
      }
    }
    Estimate wilson = wilson(events, trials);
    Estimate bootstrap = clusteredMean(bySeed, bootstrapSeed);
    if (!wilson.defined()) {
      return wilson;
    }
    double low =
        Double.isNaN(bootstrap.low()) ? wilson.low() : Math.min(wilson.low(), bootstrap.low());
    double high =
        Double.isNaN(bootstrap.high()) ? wilson.high() : Math.max(wilson.high(), bootstrap.high());
    return new Estimate(wilson.value(), low, high);
  }

  /**
   * The pooled mean of per-seed values with a seed-cluster bootstrap interval. {@code bySeed[s]}
   * holds seed s's values (possibly none).
   */
  public static Estimate clusteredMean(double[][] bySeed, long bootstrapSeed) {
    return clustered(bySeed, bootstrapSeed, Stats::mean);
  }

  /** A quantile of the pooled values with a seed-cluster bootstrap interval. */
  public static Estimate clusteredQuantile(double[][] bySeed, double q, long bootstrapSeed) {
    return clustered(bySeed, bootstrapSeed, values -> quantile(values, q));
  }

  /**
   * mean(a) / mean(b) over the same seeds, with a paired seed-cluster bootstrap: both strategies
   * are resampled with the same seeds, so the interval reflects the paired design.
   */
  public static Estimate pairedRatio(double[][] a, double[][] b, long bootstrapSeed) {
    return pairedRatio(a, b, bootstrapSeed, Stats::mean);
  }

  /** statistic(a) / statistic(b) with the paired seed-cluster bootstrap of {@link #pairedRatio}. */
  public static Estimate pairedRatio(
      double[][] a, double[][] b, long bootstrapSeed, ToDoubleFunction<double[]> statistic) {
    double point =
        statistic.applyAsDouble(flatten(a, null)) / statistic.applyAsDouble(flatten(b, null));
    if (!Double.isFinite(point)) {
      return Estimate.NONE;
    }
    Rng rng = Rng.at(bootstrapSeed);
    double[] ratios = new double[RESAMPLES];
    int[] picks = new int[a.length];
    for (int r = 0; r < RESAMPLES; r++) {
      for (int s = 0; s < picks.length; s++) {
        picks[s] = (int) (rng.uniform() * picks.length);
      }
      double[] sampleA = flatten(a, picks);
      double[] sampleB = flatten(b, picks);
      ratios[r] =
          sampleA.length == 0 || sampleB.length == 0
              ? Double.NaN
              : statistic.applyAsDouble(sampleA) / statistic.applyAsDouble(sampleB);
    }
    return interval(point, ratios);
  }

  private static Estimate clustered(
      double[][] bySeed, long bootstrapSeed, ToDoubleFunction<double[]> statistic) {
    double[] pooled = flatten(bySeed, null);
    if (pooled.length == 0) {
      return Estimate.NONE;
    }
    double point = statistic.applyAsDouble(pooled);
    Rng rng = Rng.at(bootstrapSeed);
    double[] resampled = new double[RESAMPLES];
    int[] picks = new int[bySeed.length];
    for (int r = 0; r < RESAMPLES; r++) {
      for (int s = 0; s < picks.length; s++) {
        picks[s] = (int) (rng.uniform() * picks.length);
      }
      double[] values = flatten(bySeed, picks);
      resampled[r] = values.length == 0 ? Double.NaN : statistic.applyAsDouble(values);
    }
    return interval(point, resampled);
  }

  private static Estimate interval(double point, double[] resampled) {
    double[] finite = Arrays.stream(resampled).filter(Double::isFinite).sorted().toArray();
    if (finite.length == 0) {
      return new Estimate(point, Double.NaN, Double.NaN);
    }
    return new Estimate(point, sortedQuantile(finite, 0.025), sortedQuantile(finite, 0.975));
  }

  /** The seeds' values concatenated, in {@code picks} order (all seeds in order when null). */
  static double[] flatten(double[][] bySeed, int[] picks) {
    int n = 0;
    int count = picks == null ? bySeed.length : picks.length;
    for (int k = 0; k < count; k++) {
      n += bySeed[picks == null ? k : picks[k]].length;
    }
    double[] all = new double[n];
    int at = 0;
    for (int k = 0; k < count; k++) {
      double[] values = bySeed[picks == null ? k : picks[k]];
      System.arraycopy(values, 0, all, at, values.length);
      at += values.length;
    }
    return all;
  }

  public static double mean(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  /** The q-quantile with linear interpolation between order statistics (type 7). */
  public static double quantile(double[] values, double q) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sortedQuantile(sorted, q);
  }

  private static double sortedQuantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(sorted.length - 1, below + 1);
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  }
}
