package io.waveguard.policy.gate;

import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.ReleasePolicy;
import java.util.Objects;

/**
 * The wave gate both bodies run (DESIGN §4): the conditional SPRT on error counts and the
 * Mann–Whitney latency shift test, deployed cohort against controls over the same window.
 *
 * <p>Errors are judged against what each cohort's own baselines predict when the evidence carries
 * them, so quiet and noisy targets can be compared fairly.
 *
 * <p>Combination: either test failing fails the wave (a release may break errors or latency alone);
 * otherwise either test keeping sampling keeps the wave baking; only both passing passes. When
 * neither cohort has a single latency sample the source does not measure latency and the error test
 * decides alone, which the reason says; some latency but too little keeps sampling.
 */
public final class ReleaseGate {

  private final ConditionalSprtErrorGate errorGate;
  private final LatencyShiftCheck latencyTest;

  public ReleaseGate(GateParameters parameters) {
    Objects.requireNonNull(parameters, "parameters");
    this.errorGate = new ConditionalSprtErrorGate(parameters.errors());
    this.latencyTest = new LatencyShiftCheck(parameters.latency());
  }

  public ReleaseGate() {
    this(GateParameters.defaults());
  }

  public GateResult evaluate(GateEvidence deployed, GateEvidence control, ReleasePolicy policy) {
    GateResult errors =
        errorGate.evaluate(
            deployed.stats(), control.stats(), expectedShare(deployed, control), policy);
    if (!deployed.hasLatency() && !control.hasLatency()) {
      return new GateResult(
          errors.verdict(),
          "errors: " + errors.reason() + "; latency: not measured by the telemetry source",
          deployed.stats(),
          control.stats());
    }
    LatencyShiftResult latency =
        latencyTest.evaluate(deployed.latencySamples(), control.latencySamples());
    GateVerdict verdict = combine(errors.verdict(), latency.verdict());
    String reason = "errors: " + errors.reason() + "; latency: " + latency.reason();
    return new GateResult(verdict, reason, deployed.stats(), control.stats());
  }

  /**
   * The deployed cohort's share of errors if the release changed nothing: from both cohorts'
   * baselines when both are known, else -1 (the error gate then uses the share of traffic).
   */
  static double expectedShare(GateEvidence deployed, GateEvidence control) {
    double d = deployed.baselineErrors();
    double c = control.baselineErrors();
    return d > 0 && c > 0 ? d / (d + c) : -1;
  }

  static GateVerdict combine(GateVerdict errors, GateVerdict latency) {
    if (errors == GateVerdict.FAIL || latency == GateVerdict.FAIL) {
      return GateVerdict.FAIL;
    }
    if (errors == GateVerdict.INCONCLUSIVE || latency == GateVerdict.INCONCLUSIVE) {
      return GateVerdict.INCONCLUSIVE;
    }
    return GateVerdict.PASS;
  }
}
