package io.waveguard.activities.telemetry;

import io.waveguard.activities.db.TelemetryDao;
import java.time.Instant;
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
    List<TargetTelemetry> rows =
        jdbi.withExtension(TelemetryDao.class, dao -> dao.perTarget(targetIds, from, to));
    Map<String, TargetTelemetry> byTarget = new LinkedHashMap<>(rows.size() * 2);
    rows.forEach(row -> byTarget.put(row.targetId(), row));
    return byTarget;
  }
}
