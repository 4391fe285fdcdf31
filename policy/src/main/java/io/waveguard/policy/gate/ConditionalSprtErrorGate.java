package io.waveguard.policy.gate;

import io.waveguard.policy.model.CohortStats;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.ReleasePolicy;
import java.util.Locale;
import java.util.Objects;

/**
 * Wald's SPRT on which cohort each error landed in, given the traffic split: needs no estimate of
 * the baseline error rate, so α holds whatever the control-to-wave traffic ratio is.
 *
 * <p>Errors are rare events: with rates p (deployed) and p₀ (controls), each error is from the
 * deployed cohort with probability π = n_d·p / (n_d·p + n_c·p₀), a function of the ratio p/p₀ only.
 * H0: ratio 1, H1: ratio 1 + {@code minRelativeEffect}. The price of not knowing p₀ is more traffic
 * than {@link SprtErrorGate} when the controls are small (see {@link #expectedDeployedRequests}).
 */
public final class ConditionalSprtErrorGate implements Gate {

  private final SprtParameters parameters;

  public ConditionalSprtErrorGate(SprtParameters parameters) {
    this.parameters = Objects.requireNonNull(parameters);
  }

  public ConditionalSprtErrorGate() {
    this(SprtParameters.defaults());
  }

  /**
   * Needs {@code policy.minRequestsPerCohort()} requests in each cohort; assumes both cohorts have
   * the same error rate before the release, so errors split like traffic under H0.
   */
  @Override
  public GateResult evaluate(CohortStats deployed, CohortStats control, ReleasePolicy policy) {
    return evaluate(deployed, control, -1, policy);
  }

  /**
   * As {@link #evaluate(CohortStats, CohortStats, ReleasePolicy)}, with the share of errors the
   * deployed cohort takes under H0 given: cohorts of unlike baselines (a trust-ordered wave of
   * quiet targets against noisier controls) must be compared against what their own baselines
   * predict, or a good release fails merely for landing on noisy targets first.
   *
   * @param expectedShare the deployed cohort's expected share of errors under H0, in (0, 1); any
   *     other value falls back to its share of traffic
   */
  public GateResult evaluate(
      CohortStats deployed, CohortStats control, double expectedShare, ReleasePolicy policy) {
    long needed = Math.max(1, policy.minRequestsPerCohort());
    if (deployed.requests() < needed || control.requests() < needed) {
      return new GateResult(
          GateVerdict.INCONCLUSIVE,
          "conditional SPRT needs %d requests per cohort; deployed saw %d, controls %d"
              .formatted(needed, deployed.requests(), control.requests()),
          deployed,
          control);
    }
    double trafficShare = (double) deployed.requests() / (deployed.requests() + control.requests());
    double share = expectedShare > 0 && expectedShare < 1 ? expectedShare : trafficShare;
    double pi0 = share;
    double pi1 = errorShareUnderH1(share, parameters.minRelativeEffect());
    double llr =
        deployed.errors() * Math.log(pi1 / pi0)
            + control.errors() * (Math.log1p(-pi1) - Math.log1p(-pi0));
    GateVerdict verdict = SprtErrorGate.verdict(llr, parameters);
    String reason =
        String.format(
            Locale.ROOT,
            "conditional SPRT LLR %.3f (fail ≥ %.3f, pass ≤ %.3f): %d of %d errors in the"
                + " deployed cohort; expected share %.4f if as good as controls, %.4f if %.2fx worse",
            llr,
            parameters.failBoundary(),
            parameters.passBoundary(),
            deployed.errors(),
            deployed.errors() + control.errors(),
            pi0,
            pi1,
            1 + parameters.minRelativeEffect());
    return new GateResult(verdict, reason, deployed, control);
  }

  /**
   * Wald's approximate expected deployed requests to a decision under H1, when the controls take
   * {@code controlToDeployed} requests for each deployed one. Tends to {@link
   * SprtErrorGate#expectedSampleSize} as the controls grow.
   */
  public static double expectedDeployedRequests(
      double p0, double relativeEffect, double controlToDeployed, double alpha, double beta) {
    if (!(p0 > 0 && p0 < 1) || !(controlToDeployed > 0)) {
      throw new IllegalArgumentException("need p0 in (0, 1) and controlToDeployed > 0");
    }
    SprtParameters p = new SprtParameters(alpha, beta, relativeEffect);
    double share = 1 / (1 + controlToDeployed);
    double pi1 = errorShareUnderH1(share, relativeEffect);
    double drift = (1 - beta) * p.failBoundary() + beta * p.passBoundary();
    double errorsNeeded = drift / SprtErrorGate.bernoulliKl(pi1, share);
    double errorsPerDeployedRequest = p0 * (1 + relativeEffect) + p0 * controlToDeployed;
    return errorsNeeded / errorsPerDeployedRequest;
  }

  private static double errorShareUnderH1(double share, double relativeEffect) {
    double weighted = share * (1 + relativeEffect);
    return weighted / (weighted + (1 - share));
  }
}
