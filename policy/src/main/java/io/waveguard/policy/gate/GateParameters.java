package io.waveguard.policy.gate;

import java.util.Objects;

/**
 * The statistical gate's knobs: the error-count SPRT and the latency shift test. Every value is
 * server configuration; {@link #defaults()} names the values used when nothing is configured.
 */
public record GateParameters(SprtParameters errors, LatencyShiftParameters latency) {

  public GateParameters {
    Objects.requireNonNull(errors, "errors");
    Objects.requireNonNull(latency, "latency");
  }

  /** SPRT α 0.01, β 0.05, detect a doubling; Mann–Whitney α 0.01, 20 samples, effect 0.56. */
  public static GateParameters defaults() {
    return new GateParameters(SprtParameters.defaults(), LatencyShiftParameters.defaults());
  }
}
