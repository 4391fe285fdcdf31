package io.waveguard.api.bench;

import java.util.Arrays;

/** Order statistics of measured timings. */
final class Stats {

  private Stats() {}

  static double median(double[] values) {
    return quantile(values, 0.5);
  }

  /** The nearest-rank quantile: the smallest value with at least share q of the values ≤ it. */
  static double quantile(double[] values, double q) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    if (q == 0.5 && sorted.length % 2 == 0) {
      int mid = sorted.length / 2;
      return (sorted[mid - 1] + sorted[mid]) / 2;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static double min(double[] values) {
    return Arrays.stream(values).min().orElse(Double.NaN);
  }

  static double max(double[] values) {
    return Arrays.stream(values).max().orElse(Double.NaN);
  }
}
