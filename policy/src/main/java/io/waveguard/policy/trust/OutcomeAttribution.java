package io.waveguard.policy.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a finished release into trust evidence per deployed target, blaming a target only for what
 * its own telemetry shows beyond the release's effect everywhere (README, "How outcomes are
 * attributed").
 *
 * <p>The release effect R is the deployed cohort's errors over what their own baselines predict. A
 * target is BAD when its errors are both significantly (one-sided Poisson p below {@code
 * significance}) and materially ({@code materialRatio} times) above {@code requests × baseline ×
 * max(1, R)}: it degraded more than the release explains. Otherwise it is GOOD if the release
 * completed (it took the release cleanly) and NONE if the release was rolled back or aborted: a
 * faulty build moved its telemetry like everyone else's, and that is the build's fault, not the
 * target's. Targets with too little traffic to judge get NONE.
 */
public final class OutcomeAttribution {

  /** What a release says about one target. */
  public enum Verdict {
    /** Took the release cleanly: one more good outcome. */
    GOOD,
    /** Its own telemetry degraded beyond the release's effect: one bad outcome. */
    BAD,
    /** No evidence either way. */
    NONE
  }

  /**
   * One deployed target's telemetry while it ran the release.
   *
   * @param baselineErrorRate its usual error rate before the release
   */
  public record Evidence(String targetId, long requests, long errors, double baselineErrorRate) {}

  /** The verdict on one target, with the figures behind it. */
  public record Attribution(String targetId, Verdict verdict, String reason) {}

  /**
   * @param minRequests fewer requests than this is too little to judge (100)
   * @param significance one-sided p-value below which excess errors count (0.001)
   * @param materialRatio excess errors count only at this multiple of the expectation (2.0)
   * @param errorRateFloor baselines below this count as this, as in {@link HealthSlo} (0.001)
   */
  public record Parameters(
      long minRequests, double significance, double materialRatio, double errorRateFloor) {

    public static Parameters defaults() {
      return new Parameters(100, 0.001, 2.0, 0.001);
    }
  }

  private final Parameters parameters;

  public OutcomeAttribution(Parameters parameters) {
    this.parameters = parameters;
  }

  public OutcomeAttribution() {
    this(Parameters.defaults());
  }

  /** The release's effect R: cohort errors over what the targets' baselines predict. */
  public double releaseEffect(List<Evidence> deployed) {
    double errors = 0;
    double expected = 0;
    for (Evidence e : deployed) {
      errors += e.errors();
      expected += e.requests() * baseline(e);
    }
    return expected > 0 ? errors / expected : 1.0;
  }

  public List<Attribution> attribute(boolean releaseCompleted, List<Evidence> deployed) {
    double effect = Math.max(1.0, releaseEffect(deployed));
    List<Attribution> result = new ArrayList<>(deployed.size());
    for (Evidence e : deployed) {
      result.add(attributeOne(releaseCompleted, effect, e));
    }
    return result;
  }

  private Attribution attributeOne(boolean releaseCompleted, double effect, Evidence e) {
    if (e.requests() < parameters.minRequests()) {
      return new Attribution(
          e.targetId(),
          Verdict.NONE,
          "%d requests, fewer than the %d needed to judge"
              .formatted(e.requests(), parameters.minRequests()));
    }
    double expected = e.requests() * baseline(e) * effect;
    double p = poissonUpperTail(expected, e.errors());
    String figures =
        String.format(
            Locale.ROOT,
            "%d errors in %d requests vs %.1f expected from its baseline %.4f%% × release effect"
                + " %.2f (p=%.2g)",
            e.errors(),
            e.requests(),
            expected,
            100 * baseline(e),
            effect,
            p);
    if (p < parameters.significance() && e.errors() >= parameters.materialRatio() * expected) {
      return new Attribution(
          e.targetId(), Verdict.BAD, "degraded beyond the release's effect: " + figures);
    }
    if (releaseCompleted) {
      return new Attribution(e.targetId(), Verdict.GOOD, "took the release cleanly: " + figures);
    }
    return new Attribution(
        e.targetId(),
        Verdict.NONE,
        "release did not complete; the target moved no more than the release moved every target,"
            + " so the fault is the release's: "
            + figures);
  }

  private double baseline(Evidence e) {
    return Math.max(e.baselineErrorRate(), parameters.errorRateFloor());
  }

  /** P(X ≥ k) for X ~ Poisson(mean): exact for small means, normal approximation above. */
  static double poissonUpperTail(double mean, long k) {
    if (k <= 0) {
      return 1.0;
    }
    if (mean > 200) {
      double z = (k - 0.5 - mean) / Math.sqrt(mean);
      return 0.5 * erfcApprox(z / Math.sqrt(2));
    }
    // 1 − P(X ≤ k−1), summed in a numerically stable order.
    double term = Math.exp(-mean);
    double cdf = term;
    for (long i = 1; i < k; i++) {
      term *= mean / i;
      cdf += term;
      if (term < 1e-300 && i > mean) {
        break;
      }
    }
    return Math.max(0.0, 1.0 - cdf);
  }

  private static double erfcApprox(double x) {
    // Abramowitz–Stegun 7.1.26 is enough here: the threshold is 0.001, not a tail probability.
    double t = 1 / (1 + 0.3275911 * Math.abs(x));
    double y =
        t
            * (0.254829592
                + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
            * Math.exp(-x * x);
    return x >= 0 ? y : 2 - y;
  }
}
