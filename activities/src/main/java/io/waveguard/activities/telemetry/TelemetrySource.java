package io.waveguard.activities.telemetry;

import io.waveguard.workflows.model.CohortStats;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where gates and the trust engine get their evidence: each target's telemetry over a window.
 *
 * <p>Missing data must never look healthy: a target that reported nothing is absent from the answer
 * (and so adds no requests), and a source that cannot answer at all throws {@link
 * TelemetryUnavailableException} rather than returning an empty, "quiet" fleet.
 */
public interface TelemetrySource {

  /**
   * Each target's telemetry over [from, to). Targets with no data in the window are left out.
   *
   * @throws TelemetryUnavailableException when the backend cannot be read
   */
  Map<String, TargetTelemetry> perTarget(List<String> targetIds, Instant from, Instant to);

  /** The targets' summed requests and errors over [from, to). */
  default CohortStats aggregate(List<String> targetIds, Instant from, Instant to) {
    CohortStats total = CohortStats.EMPTY;
    for (TargetTelemetry t : perTarget(targetIds, from, to).values()) {
      if (t.requests() > 0) {
        total = total.plus(new CohortStats(1, t.requests(), t.errors()));
      }
    }
    return total;
  }
}
