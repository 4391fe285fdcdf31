package io.waveguard.activities.telemetry;

import io.waveguard.activities.db.ConcurrentReads;
import io.waveguard.activities.db.HealthSummaryRow;
import io.waveguard.activities.db.TargetTelemetryRow;
import io.waveguard.activities.db.TelemetryDao;
import io.waveguard.policy.model.CohortStats;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Telemetry that targets (or their collectors) pushed through the API into PostgreSQL. */
public final class PushTelemetrySource implements TelemetrySource {

  private final Jdbi jdbi;

  public PushTelemetrySource(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Map<String, TargetTelemetry> perTarget(List<String> targetIds, Instant from, Instant to) {
    return ConcurrentReads.byTarget(targetIds, part -> perTargetOf(part, from, to));
  }

  private Map<String, TargetTelemetry> perTargetOf(
      List<String> targetIds, Instant from, Instant to) {
    List<TargetTelemetryRow> rows =
        jdbi.withExtension(TelemetryDao.class, dao -> dao.perTarget(targetIds, from, to));
    Map<String, TargetTelemetry> byTarget = new LinkedHashMap<>(rows.size() * 2);
    rows.forEach(row -> byTarget.put(row.targetId(), telemetry(row)));
    return byTarget;
  }

  /** Clamps stored sums into a valid window: errors never above requests, availability in [0,1]. */
  private static TargetTelemetry telemetry(TargetTelemetryRow row) {
    return new TargetTelemetry(
        row.targetId(),
        row.requests(),
        Math.min(row.requests(), row.errors()),
        row.crashes(),
        Math.max(0, Math.min(1, row.availability())),
        row.latencyP99Ms());
  }

  /** Sums in PostgreSQL: a gate or re-plan that only counts needs no per-target latency lists. */
  @Override
  public CohortStats aggregate(List<String> targetIds, Instant from, Instant to) {
    return jdbi.withExtension(TelemetryDao.class, dao -> dao.aggregate(targetIds, from, to));
  }

  /** One pass over both windows, with each window's typical p99: what trust recomputes read. */
  @Override
  public Map<String, HealthWindows> healthWindows(
      List<String> targetIds, Instant baselineStart, Instant healthStart, Instant end) {
    if (targetIds.isEmpty() || !healthStart.isBefore(end)) {
      return Map.of();
    }
    return ConcurrentReads.byTarget(
        targetIds, part -> healthWindowsOf(part, baselineStart, healthStart, end));
  }

  private Map<String, HealthWindows> healthWindowsOf(
      List<String> targetIds, Instant baselineStart, Instant healthStart, Instant end) {
    List<HealthSummaryRow> rows =
        jdbi.withExtension(
            TelemetryDao.class,
            dao ->
                dao.healthSummaries(
                    targetIds.toArray(String[]::new),
                    Timestamp.from(baselineStart),
                    Timestamp.from(healthStart),
                    Timestamp.from(end)));
    double healthSeconds = Duration.between(healthStart, end).toMillis() / 1000.0;
    Map<String, HealthWindows> windows = new HashMap<>(rows.size() * 2);
    for (HealthSummaryRow row : rows) {
      TargetTelemetry current =
          new TargetTelemetry(
              row.targetId(),
              row.requests(),
              Math.min(row.errors(), row.requests()),
              row.crashes(),
              Math.max(0, Math.min(1, row.coveredSeconds() / healthSeconds)),
              latency(row.p99()));
      TargetTelemetry baseline =
          row.baselineRequests() == 0 && row.baselineP99() == null
              ? null
              : new TargetTelemetry(
                  row.targetId(),
                  row.baselineRequests(),
                  Math.min(row.baselineErrors(), row.baselineRequests()),
                  0,
                  1,
                  latency(row.baselineP99()));
      windows.put(row.targetId(), new HealthWindows(current, baseline));
    }
    return windows;
  }

  private static List<Double> latency(Double p99) {
    return p99 == null ? List.of() : List.of(p99);
  }
}
