package io.waveguard.activities.telemetry;

import io.waveguard.policy.model.CohortStats;
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

  /**
   * Each target's health window [healthStart, end) and baseline window [baselineStart,
   * healthStart); targets without telemetry in the health window are left out. Sources that can
   * read both in one pass (PostgreSQL) override this; the latency lists may then hold only each
   * window's typical p99.
   */
  default Map<String, HealthWindows> healthWindows(
      List<String> targetIds, Instant baselineStart, Instant healthStart, Instant end) {
    Map<String, TargetTelemetry> now = perTarget(targetIds, healthStart, end);
    if (now.isEmpty()) {
      return Map.of();
    }
    Map<String, TargetTelemetry> before =
        perTarget(List.copyOf(now.keySet()), baselineStart, healthStart);
    Map<String, HealthWindows> windows = new java.util.HashMap<>(now.size() * 2);
    now.forEach((id, current) -> windows.put(id, new HealthWindows(current, before.get(id))));
    return windows;
  }

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
