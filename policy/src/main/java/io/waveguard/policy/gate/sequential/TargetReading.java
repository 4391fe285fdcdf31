package io.waveguard.policy.gate.sequential;

import io.waveguard.policy.model.TypicalLatency;

/**
 * One target's telemetry over one gate period (or over its baseline window), as any telemetry
 * source reports it.
 *
 * @param availability share of the window's intervals the target was up, in [0, 1]
 * @param latencyP99Ms one p99 per reporting interval; empty when the source has no latency
 */
public record TargetReading(
    long requests, long errors, long crashes, double availability, double[] latencyP99Ms) {

  public TargetReading {
    if (requests < 0 || errors < 0 || crashes < 0 || errors > requests) {
      throw new IllegalArgumentException("counts must be >= 0 and errors <= requests");
    }
    latencyP99Ms = latencyP99Ms == null ? new double[0] : latencyP99Ms.clone();
  }

  /** Nothing at all: no request and no latency point. Silence is never health. */
  public boolean isSilent() {
    return requests == 0 && latencyP99Ms.length == 0;
  }

  /** The window's typical p99: the median of its intervals' p99s; 0 without latency. */
  public double medianP99Ms() {
    return TypicalLatency.of(latencyP99Ms);
  }
}
