package io.waveguard.activities.telemetry;

import io.waveguard.activities.db.TelemetryDao;
import io.waveguard.workflows.model.CohortStats;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Telemetry that targets (or their collectors) pushed through the API into PostgreSQL. */
public final class PushTelemetrySource implements TelemetrySource {

  private final Jdbi jdbi;

  public PushTelemetrySource(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public CohortStats aggregate(List<String> targetIds, Instant from, Instant to) {
    return jdbi.withExtension(TelemetryDao.class, dao -> dao.aggregate(targetIds, from, to));
  }
}
