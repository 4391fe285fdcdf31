package io.waveguard.activities.telemetry;

import io.waveguard.workflows.model.CohortStats;
import java.time.Instant;
import java.util.List;

/** Where a gate's evidence comes from: a cohort's summed telemetry over a window. */
public interface TelemetrySource {

  /**
   * Sums the targets' requests and errors over [from, to). Targets that reported nothing add
   * nothing: missing telemetry must never look like a healthy cohort.
   */
  CohortStats aggregate(List<String> targetIds, Instant from, Instant to);
}
