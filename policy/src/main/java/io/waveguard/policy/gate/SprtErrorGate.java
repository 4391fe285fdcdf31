package io.waveguard.policy.gate;

import io.waveguard.policy.model.CohortStats;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.ReleasePolicy;
import java.util.Locale;
import java.util.Objects;

/**
 * Wald's SPRT on the deployed cohort's error count, with the control rate as p₀ (DESIGN §4): fails
 * on evidence of a {@code minRelativeEffect} degradation, passes on evidence against it, otherwise
 * asks to keep sampling. Call it again on the cumulative counts after each bake extension; that is
 * what makes it sequential.
 *
 * <p>p₀ is a plug-in estimate from the controls and its noise is not in the likelihood, so the
 * false-fail rate holds α only while the controls carry much more traffic than the wave (≥ ~10×, as
 * in early waves). For later waves, prefer {@link ConditionalSprtErrorGate}.
 */
public final class SprtErrorGate implements Gate {

  private final SprtParameters parameters;

  public SprtErrorGate(SprtParameters parameters) {
    this.parameters = Objects.requireNonNull(parameters);
  }

  public SprtErrorGate() {
    this(SprtParameters.defaults());
  }

  /**
   * Needs {@code policy.minRequestsPerCohort()} control requests to estimate p₀; the deployed
   * cohort needs no minimum, the likelihood ratio itself says when its evidence is thin.
   */
  @Override
  public GateResult evaluate(CohortStats deployed, CohortStats control, ReleasePolicy policy) {
    long needed = policy.minRequestsPerCohort();
    if (control.requests() < Math.max(1, needed)) {
      return new GateResult(
          GateVerdict.INCONCLUSIVE,
          "SPRT needs %d control requests to estimate the baseline error rate; controls saw %d"
              .formatted(needed, control.requests()),
          deployed,
          control);
    }
    // Half an error of smoothing keeps p₀ > 0 when the controls saw no errors; at control volumes
    // it shifts p₀ by a negligible amount (and toward passing).
    double p0 = (control.errors() + 0.5) / (control.requests() + 1.0);
    double p1 = alternativeRate(p0, parameters.minRelativeEffect());
    double llr = logLikelihoodRatio(deployed.errors(), deployed.requests(), p0, p1);
    GateVerdict verdict = verdict(llr, parameters);
    String reason =
        String.format(
            Locale.ROOT,
            "SPRT LLR %.3f (fail ≥ %.3f, pass ≤ %.3f): deployed %d errors in %d requests;"
                + " H0 p0=%.4f%% (controls %d/%d), H1 p1=%.4f%%",
            llr,
            parameters.failBoundary(),
            parameters.passBoundary(),
            deployed.errors(),
            deployed.requests(),
            100 * p0,
            control.errors(),
            control.requests(),
            100 * p1);
    return new GateResult(verdict, reason, deployed, control);
  }

  /** LLR of n Bernoulli trials with e errors: e·ln(p₁/p₀) + (n−e)·ln((1−p₁)/(1−p₀)). */
  public static double logLikelihoodRatio(long errors, long requests, double p0, double p1) {
    if (errors < 0 || requests < errors) {
      throw new IllegalArgumentException("need 0 <= errors <= requests");
    }
    return errors * Math.log(p1 / p0)
        + (requests - errors) * Math.log1p(-p1)
        - (requests - errors) * Math.log1p(-p0);
  }

  /**
   * Wald's approximate expected number of requests to reach a decision when H1 is true, E[N|H1] ≈
   * ((1−β)·ln((1−β)/α) + β·ln(β/(1−α))) / KL(p₁‖p₀). The floor any rollout order must pay (DESIGN
   * §4): about 10.8 k requests at p₀ = 0.1 %, doubling, α = 0.01, β = 0.05.
   */
  public static double expectedSampleSize(
      double p0, double relativeEffect, double alpha, double beta) {
    if (!(p0 > 0 && p0 < 1)) {
      throw new IllegalArgumentException("p0 must be in (0, 1)");
    }
    SprtParameters p = new SprtParameters(alpha, beta, relativeEffect);
    double p1 = alternativeRate(p0, relativeEffect);
    double drift = (1 - beta) * p.failBoundary() + beta * p.passBoundary();
    return drift / bernoulliKl(p1, p0);
  }

  /** p₀ × (1 + effect), kept below 1: a rate that cannot double goes halfway to 1 instead. */
  static double alternativeRate(double p0, double relativeEffect) {
    double p1 = p0 * (1 + relativeEffect);
    return p1 < 1 ? p1 : (1 + p0) / 2;
  }

  static GateVerdict verdict(double llr, SprtParameters parameters) {
    if (llr >= parameters.failBoundary()) {
      return GateVerdict.FAIL;
    }
    if (llr <= parameters.passBoundary()) {
      return GateVerdict.PASS;
    }
    return GateVerdict.INCONCLUSIVE;
  }

  /** KL(Bernoulli(p) ‖ Bernoulli(q)) in nats. */
  static double bernoulliKl(double p, double q) {
    return p * Math.log(p / q) + (1 - p) * Math.log((1 - p) / (1 - q));
  }
}
