package io.waveguard.policy.gate;

/**
 * Error rates and effect size of Wald's sequential probability ratio test on error counts.
 *
 * @param alpha probability of failing a wave that is as good as the controls (0.01)
 * @param beta probability of passing a wave whose error rate is worse by the effect (0.05)
 * @param minRelativeEffect the degradation the test is built to catch, relative to the controls'
 *     error rate: H1 is p₁ = p₀ × (1 + effect); 1.0 = a doubled error rate
 */
public record SprtParameters(double alpha, double beta, double minRelativeEffect) {

  public SprtParameters {
    if (!(alpha > 0 && alpha < 0.5) || !(beta > 0 && beta < 0.5)) {
      throw new IllegalArgumentException("alpha and beta must be in (0, 0.5)");
    }
    if (!(minRelativeEffect > 0) || Double.isInfinite(minRelativeEffect)) {
      throw new IllegalArgumentException("minRelativeEffect must be finite and > 0");
    }
  }

  /** α = 0.01, β = 0.05, detect a doubling (DESIGN §4). */
  public static SprtParameters defaults() {
    return new SprtParameters(0.01, 0.05, 1.0);
  }

  /** A = ln((1−β)/α): at or above it the test accepts H1, a degradation. */
  public double failBoundary() {
    return Math.log((1 - beta) / alpha);
  }

  /** B = ln(β/(1−α)): at or below it the test accepts H0, no degradation. */
  public double passBoundary() {
    return Math.log(beta / (1 - alpha));
  }
}
