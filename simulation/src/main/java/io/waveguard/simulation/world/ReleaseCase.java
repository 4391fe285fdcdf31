package io.waveguard.simulation.world;

/**
 * One release of the experiment, the same for every strategy that runs it (paired comparison).
 *
 * @param seed the release's own seed: keys its canary shuffle and all of its telemetry
 * @param index position among the seed's releases
 * @param faulty whether the build carries the fault
 * @param affected per target index: whether it exhibits the fault (all false for a good release)
 * @param magnitude relative error-rate increase r on affected targets
 * @param latencyShift relative p99 increase on affected targets
 * @param onsetMinutes baked minutes on the build before the fault shows
 */
public record ReleaseCase(
    long seed,
    int index,
    boolean faulty,
    boolean[] affected,
    double magnitude,
    double latencyShift,
    double onsetMinutes) {

  /** Error-rate multiplier of target {@code i} over baked minutes [from, to) on the build. */
  public double errorFactor(int i, double fromMinute, double toMinute) {
    if (!affected[i] || magnitude == 0) {
      return 1;
    }
    return 1 + magnitude * activeShare(fromMinute, toMinute);
  }

  /** p99 multiplier of target {@code i} at a baked minute on the build. */
  public double latencyFactor(int i, double minute) {
    return affected[i] && minute >= onsetMinutes ? 1 + latencyShift : 1;
  }

  /**
   * How much an affected target's error rate rises over baked minutes [from, to): r times the share
   * of the interval past the onset (its error factor is 1 + this).
   */
  public double errorUplift(double fromMinute, double toMinute) {
    return magnitude == 0 ? 0 : magnitude * activeShare(fromMinute, toMinute);
  }

  /** Whether the latency shift shows at a baked minute on the build. */
  public boolean latencyShows(double minute) {
    return latencyShift != 0 && minute >= onsetMinutes;
  }

  /** Share of [from, to) after the onset. */
  private double activeShare(double from, double to) {
    if (to <= onsetMinutes) {
      return 0;
    }
    return (to - Math.max(from, onsetMinutes)) / (to - from);
  }
}
