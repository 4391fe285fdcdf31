package io.waveguard.api.operatorcli;

import java.util.Locale;

/** Elapsed times as an operator reads them: 0:07, 12:34, 1:02:03. */
final class Durations {

  private Durations() {}

  static String clock(long seconds) {
    long s = Math.max(0, seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.1f s", seconds);
  }

  static String number(double value) {
    if (Double.isInfinite(value)) {
      return "∞";
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
