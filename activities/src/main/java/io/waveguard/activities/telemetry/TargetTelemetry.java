package io.waveguard.activities.telemetry;

import io.waveguard.policy.model.TypicalLatency;
import java.util.List;

/**
 * One target's telemetry over a window: counts summed, latency kept per reporting interval so a
 * gate can compare distributions rather than one number.
 *
 * @param requests requests served in the window
 * @param errors failed requests
 * @param crashes process or app crashes
 * @param availability share of the window's intervals in which the target was up and reporting, in
 *     [0, 1]; a target that fell silent is not a healthy one
 * @param latencyP99Ms p99 latency of each reporting interval that had one; empty when the source
 *     has no latency for the target. Readers use it as a multiset (medians, ranks, counts), so
 *     sources need not keep the intervals' order
 */
public record TargetTelemetry(
    String targetId,
    long requests,
    long errors,
    long crashes,
    double availability,
    List<Double> latencyP99Ms) {

  public TargetTelemetry {
    if (requests < 0 || errors < 0 || crashes < 0 || errors > requests) {
      throw new IllegalArgumentException(
          "target %s: counts must be >= 0 and errors <= requests".formatted(targetId));
    }
    if (!(availability >= 0 && availability <= 1)) {
      throw new IllegalArgumentException(
          "target %s: availability must be in [0, 1], was %s".formatted(targetId, availability));
    }
    latencyP99Ms = latencyP99Ms == null ? List.of() : List.copyOf(latencyP99Ms);
  }

  /** The window's p99 as the median of the intervals' p99s; 0 when there is no latency. */
  public double typicalLatencyP99Ms() {
    return TypicalLatency.of(latencyP99Ms.stream().mapToDouble(Double::doubleValue).toArray());
  }

  public double errorRate() {
    return requests == 0 ? 0 : (double) errors / requests;
  }
}
