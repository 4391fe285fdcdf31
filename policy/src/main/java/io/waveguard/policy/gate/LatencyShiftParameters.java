package io.waveguard.policy.gate;

/**
 * Knobs of the latency distribution-shift test.
 *
 * @param alpha one-sided significance: fail when the p-value of "deployed is slower" is below it
 *     (0.01)
 * @param minSamplesPerCohort fewer latencies than this in either cohort is inconclusive; the normal
 *     approximation of U is poor below ~20 (20)
 * @param minEffect the smallest probability that a deployed request is slower than a control one
 *     (ties half) worth failing a wave for; 0.5 fails on any significant shift, 0.56 is a "small"
 *     effect (Vargha–Delaney), so huge samples cannot fail a wave over a negligible shift (0.56)
 */
public record LatencyShiftParameters(double alpha, int minSamplesPerCohort, double minEffect) {

  public LatencyShiftParameters {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1)");
    }
    if (minSamplesPerCohort < 2) {
      throw new IllegalArgumentException("minSamplesPerCohort must be >= 2");
    }
    if (!(minEffect >= 0.5 && minEffect < 1)) {
      throw new IllegalArgumentException("minEffect must be in [0.5, 1)");
    }
  }

  /** α = 0.01, 20 samples per cohort, minimum effect 0.56. */
  public static LatencyShiftParameters defaults() {
    return new LatencyShiftParameters(0.01, 20, 0.56);
  }
}
