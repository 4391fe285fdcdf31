package io.waveguard.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.waveguard.workflows.policy.gate.GateParameters;
import io.waveguard.workflows.policy.gate.LatencyShiftParameters;
import io.waveguard.workflows.policy.gate.SprtParameters;

/**
 * The statistical wave gate (README, "Gates"): Wald's SPRT on error counts and the Mann–Whitney
 * latency shift test. Defaults are the policy core's; it rejects values out of range by name.
 */
public class GateConfiguration {

  private static final GateParameters DEFAULTS = GateParameters.defaults();

  /** Chance of failing a wave as good as its controls. */
  @JsonProperty public double alpha = DEFAULTS.errors().alpha();

  /** Chance of passing a wave worse by the minimum effect. */
  @JsonProperty public double beta = DEFAULTS.errors().beta();

  /** The error-rate increase the SPRT is built to catch, relative: 1.0 = doubled. */
  @JsonProperty public double minRelativeEffect = DEFAULTS.errors().minRelativeEffect();

  /** One-sided significance of the latency test. */
  @JsonProperty public double latencyAlpha = DEFAULTS.latency().alpha();

  /** Fewer latency points than this in a cohort keeps sampling. */
  @JsonProperty public int latencyMinSamples = DEFAULTS.latency().minSamplesPerCohort();

  /** Smallest P(deployed slower than control) worth failing a wave for. */
  @JsonProperty public double latencyMinEffect = DEFAULTS.latency().minEffect();

  public GateParameters toParameters() {
    return new GateParameters(
        new SprtParameters(alpha, beta, minRelativeEffect),
        new LatencyShiftParameters(latencyAlpha, latencyMinSamples, latencyMinEffect));
  }
}
