package io.waveguard.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.waveguard.api.dto.GateMode;
import io.waveguard.policy.gate.GateParameters;
import io.waveguard.policy.settings.PolicySettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The gates (README, "Gates"): which one a release runs unless its request says otherwise, the
 * sequential gate's settings, and the per-wave gate's (Wald's SPRT on error counts and the
 * Mann–Whitney latency shift test). Defaults are the policy core's; each field's bounds are the
 * core's, so a value out of range stops the server at startup naming the field.
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
  @DecimalMin(value = "0", inclusive = false)
  @DecimalMax(value = "0.5", inclusive = false)
  @JsonProperty
  public double alpha = DEFAULTS.errors().alpha();

  /** Chance of passing a wave worse by the minimum effect. */
  @DecimalMin(value = "0", inclusive = false)
  @DecimalMax(value = "0.5", inclusive = false)
  @JsonProperty
  public double beta = DEFAULTS.errors().beta();

  /** The error-rate increase the SPRT is built to catch, relative: 1.0 = doubled. */
  @DecimalMin(value = "0", inclusive = false)
  @JsonProperty
  public double minRelativeEffect = DEFAULTS.errors().minRelativeEffect();

  /** One-sided significance of the latency test. */
  @DecimalMin(value = "0", inclusive = false)
  @DecimalMax(value = "1", inclusive = false)
  @JsonProperty
  public double latencyAlpha = DEFAULTS.latency().alpha();

  /** Fewer latency points than this in a cohort keeps sampling. */
  @Min(2)
  @JsonProperty
  public int latencyMinSamples = DEFAULTS.latency().minSamplesPerCohort();

  /** Smallest P(deployed slower than control) worth failing a wave for. */
  @DecimalMin("0.5")
  @DecimalMax(value = "1", inclusive = false)
  @JsonProperty
  public double latencyMinEffect = DEFAULTS.latency().minEffect();

  PolicySettings.Gate toSettings() {
    return new PolicySettings.Gate(
        alpha, beta, minRelativeEffect, latencyAlpha, latencyMinSamples, latencyMinEffect);
  }
}
