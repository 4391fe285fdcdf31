package io.waveguard.policy.model;

import java.util.Arrays;

/**
 * A window's typical p99: the median of its reporting intervals' p99s, so one slow minute does not
 * stand for the window. Gates, the trust engine and every telemetry reader compute it here, so a
 * value read from rollups and one read from samples agree to the bit.
 */
public final class TypicalLatency {

  private TypicalLatency() {}

  /**
   * The median of the first {@code count} values (the mean of the middle two for an even count).
   */
  public static double of(double[] p99s, int count) {
    if (count <= 0) {
      return 0;
    }
    double[] sorted = Arrays.copyOf(p99s, count);
    Arrays.sort(sorted);
    int mid = count / 2;
    return count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** The median of all the values; 0 for none. */
  public static double of(double[] p99s) {
    return of(p99s, p99s.length);
  }
}
