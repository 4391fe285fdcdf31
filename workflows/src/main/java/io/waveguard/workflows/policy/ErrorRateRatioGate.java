package io.waveguard.workflows.policy;

import io.waveguard.workflows.model.CohortStats;
import io.waveguard.workflows.model.GateResult;
import io.waveguard.workflows.model.GateVerdict;
import io.waveguard.workflows.model.ReleasePolicy;
import java.util.Locale;

/**
 * Fails a wave whose error rate exceeds the controls' by more than the policy's ratio; needs a
 * minimum of requests in both cohorts before it decides anything.
 */
public final class ErrorRateRatioGate implements Gate {

  @Override
  public GateResult evaluate(CohortStats deployed, CohortStats control, ReleasePolicy policy) {
    long needed = policy.minRequestsPerCohort();
    if (deployed.requests() < needed || control.requests() < needed) {
      return new GateResult(
          GateVerdict.INCONCLUSIVE,
          String.format(
              Locale.ROOT,
              "need %d requests per cohort; deployed saw %d, controls %d",
              needed,
              deployed.requests(),
              control.requests()),
          deployed,
          control);
    }
    // Half an error of smoothing keeps the ratio finite when the controls saw no errors.
    double deployedRate = (deployed.errors() + 0.5) / (deployed.requests() + 1.0);
    double controlRate = (control.errors() + 0.5) / (control.requests() + 1.0);
    double ratio = deployedRate / controlRate;
    GateVerdict verdict = ratio > policy.maxErrorRateRatio() ? GateVerdict.FAIL : GateVerdict.PASS;
    String reason =
        String.format(
            Locale.ROOT,
            "error rate %.4f%% vs controls %.4f%% (ratio %.2f, limit %.2f)",
            100 * deployed.errorRate(),
            100 * control.errorRate(),
            ratio,
            policy.maxErrorRateRatio());
    return new GateResult(verdict, reason, deployed, control);
  }
}
