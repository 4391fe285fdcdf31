package io.waveguard.policy.trust;

/**
 * Where each live-health indicator stops counting as healthy, and how much each counts. Every
 * indicator maps linearly to [0, 1]: 1 at or better than the healthy end, 0 at the threshold.
 *
 * @param errorRatioAtZero error rate relative to the target's own baseline at which error health
 *     reaches 0 (3.0: health 1 at or below baseline, 0.5 at twice it, 0 at three times)
 * @param errorRateFloor error rates below this count as this, so a target with a spotless baseline
 *     is not judged broken by a handful of errors (0.001 = 0.1 %)
 * @param latencyRatioAtZero p99 latency relative to baseline at which latency health reaches 0
 *     (2.0: a doubled p99)
 * @param crashRateAtZero absolute crash rate (crashes per session or device-hour) at which crash
 *     health reaches 0 (0.01); there is no per-target crash baseline, so this is an SLO
 * @param availabilityFloor availability at or below which availability health reaches 0 (0.99); 1.0
 *     availability is health 1
 * @param minSamples fewer samples than this are no health evidence at all (100)
 * @param errorWeight weight of error health in the geometric mean (1)
 * @param latencyWeight weight of latency health (1)
 * @param crashWeight weight of crash health (1)
 * @param availabilityWeight weight of availability health (1)
 */
public record HealthSlo(
    double errorRatioAtZero,
    double errorRateFloor,
    double latencyRatioAtZero,
    double crashRateAtZero,
    double availabilityFloor,
    long minSamples,
    double errorWeight,
    double latencyWeight,
    double crashWeight,
    double availabilityWeight) {

  public HealthSlo {
    require(errorRatioAtZero > 1, "errorRatioAtZero must be > 1");
    require(errorRateFloor > 0 && errorRateFloor < 1, "errorRateFloor must be in (0, 1)");
    require(latencyRatioAtZero > 1, "latencyRatioAtZero must be > 1");
    require(crashRateAtZero > 0 && crashRateAtZero <= 1, "crashRateAtZero must be in (0, 1]");
    require(availabilityFloor >= 0 && availabilityFloor < 1, "availabilityFloor in [0, 1)");
    require(minSamples >= 1, "minSamples must be >= 1");
    require(
        errorWeight >= 0 && latencyWeight >= 0 && crashWeight >= 0 && availabilityWeight >= 0,
        "weights must be >= 0");
    require(
        errorWeight + latencyWeight + crashWeight + availabilityWeight > 0,
        "at least one weight must be > 0");
  }

  /** The defaults listed on each parameter. */
  public static HealthSlo defaults() {
    return new HealthSlo(3.0, 0.001, 2.0, 0.01, 0.99, 100, 1, 1, 1, 1);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
