package io.waveguard.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.waveguard.api.dto.GateMode;
import io.waveguard.policy.gate.GateParameters;
import io.waveguard.policy.gate.LatencyShiftParameters;
import io.waveguard.policy.gate.SprtParameters;
import io.waveguard.policy.model.SequentialGatePolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The gates (README, "Gates"): which one a release runs unless its request says otherwise, the
 * sequential gate's settings, and the per-wave gate's (Wald's SPRT on error counts and the
 * Mann–Whitney latency shift test). Defaults are the policy core's; it rejects values out of range
 * by name.
 */
public class GateConfiguration {

  private static final GateParameters DEFAULTS = GateParameters.defaults();

  /** The gate of releases whose request does not choose one. */
  @NotNull @JsonProperty public GateMode mode = GateMode.SEQUENTIAL;

  /** Defaults of the release-wide sequential gate. */
  @Valid @NotNull @JsonProperty
  public SequentialGateConfiguration sequential = new SequentialGateConfiguration();

  // The per-wave gate's settings stay at the top of the section, where they have always been.

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

  /** The per-wave gate's parameters. */
  public GateParameters toParameters() {
    return new GateParameters(
        new SprtParameters(alpha, beta, minRelativeEffect),
        new LatencyShiftParameters(latencyAlpha, latencyMinSamples, latencyMinEffect));
  }

  /** The sequential gate a release starts with unless its request overrides some of it. */
  public SequentialGatePolicy toSequentialGatePolicy() {
    return sequential.toPolicy();
  }
}
