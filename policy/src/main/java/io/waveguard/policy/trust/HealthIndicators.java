package io.waveguard.policy.trust;

/**
 * A target's live telemetry over one window, next to its own baseline.
 *
 * @param errorRate failed requests / requests in the window
 * @param baselineErrorRate the target's usual error rate
 * @param latencyP99Ms p99 latency in the window; 0 when unknown
 * @param baselineLatencyP99Ms the target's usual p99; 0 when unknown (latency then does not count)
 * @param crashRate crashes per session or device-hour in the window
 * @param availability fraction of successful health probes in the window, in [0, 1]
 * @param samples requests (or sessions) the window saw; too few means no health evidence
 */
public record HealthIndicators(
    double errorRate,
    double baselineErrorRate,
    double latencyP99Ms,
    double baselineLatencyP99Ms,
    double crashRate,
    double availability,
    long samples) {

  public HealthIndicators {
    requireFraction(errorRate, "errorRate");
    requireFraction(baselineErrorRate, "baselineErrorRate");
    requireFraction(crashRate, "crashRate");
    requireFraction(availability, "availability");
    if (!(latencyP99Ms >= 0) || !(baselineLatencyP99Ms >= 0)) {
      throw new IllegalArgumentException("latencies must be >= 0");
    }
    if (samples < 0) {
      throw new IllegalArgumentException("samples must be >= 0");
    }
  }

  /** A window that saw no traffic: no health evidence. */
  public static HealthIndicators noData() {
    return new HealthIndicators(0, 0, 0, 0, 0, 0, 0);
  }

  /** True when both latencies are known, so the latency indicator can be scored. */
  public boolean hasLatency() {
    return latencyP99Ms > 0 && baselineLatencyP99Ms > 0;
  }

  private static void requireFraction(double v, String name) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], got " + v);
    }
  }
}
