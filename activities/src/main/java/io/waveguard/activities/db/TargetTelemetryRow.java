package io.waveguard.activities.db;

import java.util.List;

/**
 * One target's row of {@link TelemetryDao#perTarget}, as summed: the telemetry source clamps it
 * into its own {@code TargetTelemetry}.
 *
 * @param availability the covered share of the window
 * @param latencyP99Ms the windows' p99s in time order; empty without latency
 */
public record TargetTelemetryRow(
    String targetId,
    long requests,
    long errors,
    long crashes,
    double availability,
    List<Double> latencyP99Ms) {

  public TargetTelemetryRow {
    latencyP99Ms = latencyP99Ms == null ? List.of() : List.copyOf(latencyP99Ms);
  }
}
