package io.waveguard.policy.trust;

import java.util.List;

/**
 * The constants of the trust model (DESIGN §3). Every one is configuration; {@link #defaults()}
 * documents the values used when nothing is configured.
 *
 * @param halfLifeDays an outcome this many days old counts half as much as one today (30)
 * @param priorAlpha fleet prior successes; with {@code priorBeta} sets where a target without
 *     evidence lands, α₀/(α₀+β₀) (2; fit it to the fleet with {@link #fitPrior})
 * @param priorBeta fleet prior failures (2)
 * @param evidenceScale pseudo-count of the prior: a target with this much evidence sits halfway
 *     between the prior and its own record. Starts as α₀+β₀ so the fleet prior is used as is; lower
 *     it to let targets' own evidence dominate sooner (4)
 * @param healthWeight share of live health in the blend with history, in [0, 1) (0.4)
 * @param healthEvidence how many deployment outcomes a live health reading is worth when it comes
 *     to shrinkage: enough to move a target without history off the prior, never enough to vouch
 *     for it on telemetry alone (2)
 * @param credibleQuantile the lower credible bound is this quantile of the trust posterior (0.05)
 * @param health thresholds and weights of the live-health indicators ({@link HealthSlo#defaults})
 */
public record TrustParameters(
    double halfLifeDays,
    double priorAlpha,
    double priorBeta,
    double evidenceScale,
    double healthWeight,
    double healthEvidence,
    double credibleQuantile,
    HealthSlo health) {

  public TrustParameters {
    require(halfLifeDays > 0 && Double.isFinite(halfLifeDays), "halfLifeDays must be > 0");
    require(priorAlpha > 0 && priorBeta > 0, "prior parameters must be > 0");
    require(evidenceScale > 0 && Double.isFinite(evidenceScale), "evidenceScale must be > 0");
    require(healthWeight >= 0 && healthWeight < 1, "healthWeight must be in [0, 1)");
    require(healthEvidence >= 0 && Double.isFinite(healthEvidence), "healthEvidence >= 0");
    require(credibleQuantile > 0 && credibleQuantile < 1, "credibleQuantile in (0, 1)");
    require(health != null, "health SLO must be given");
  }

  /**
   * Half-life 30 days, prior Beta(2, 2) (mean ½, weak: four pseudo-outcomes), health 40 % of the
   * blend, a health reading worth two outcomes, a 5 % lower credible bound, default health SLOs.
   */
  public static TrustParameters defaults() {
    return new TrustParameters(30, 2, 2, 4, 0.4, 2, 0.05, HealthSlo.defaults());
  }

  /**
   * The defaults with the prior fitted to the fleet by the method of moments; see {@link
   * #withPriorFittedTo}.
   */
  public static TrustParameters fitPrior(List<double[]> goodBad) {
    return defaults().withPriorFittedTo(goodBad);
  }

  /**
   * These parameters with the prior fitted to per-target {good, bad} counts (decayed counts are
   * fine). Keeps the current prior when the fleet gives too little evidence to fit one.
   */
  public TrustParameters withPriorFittedTo(List<double[]> goodBad) {
    return FleetPriorEstimator.fit(goodBad).map(p -> withPrior(p[0], p[1])).orElse(this);
  }

  /** These parameters with another prior; the evidence scale follows it (α₀+β₀). */
  public TrustParameters withPrior(double alpha, double beta) {
    return new TrustParameters(
        halfLifeDays,
        alpha,
        beta,
        alpha + beta,
        healthWeight,
        healthEvidence,
        credibleQuantile,
        health);
  }

  /** These parameters with another evidence scale (strength of the shrinkage). */
  public TrustParameters withEvidenceScale(double scale) {
    return new TrustParameters(
        halfLifeDays,
        priorAlpha,
        priorBeta,
        scale,
        healthWeight,
        healthEvidence,
        credibleQuantile,
        health);
  }

  /** Where a target without evidence lands: α₀/(α₀+β₀). */
  public double priorMean() {
    return priorAlpha / (priorAlpha + priorBeta);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
