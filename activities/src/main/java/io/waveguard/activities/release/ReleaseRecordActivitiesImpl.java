package io.waveguard.activities.release;

import io.waveguard.activities.db.ReleaseDao;
import io.waveguard.activities.observability.ReleaseContext;
import io.waveguard.activities.observability.ReleaseMetrics;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.workflows.activities.ReleaseRecordActivities;
import io.waveguard.workflows.activities.ReleaseSnapshot;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes the workflow's snapshots into the release read model, and counts each release once when
 * its row first reaches a final status.
 */
public final class ReleaseRecordActivitiesImpl implements ReleaseRecordActivities {

  private final Jdbi jdbi;
  private final ReleaseMetrics metrics;

  public ReleaseRecordActivitiesImpl(Jdbi jdbi) {
    this(jdbi, ReleaseMetrics.none());
  }

  public ReleaseRecordActivitiesImpl(Jdbi jdbi, ReleaseMetrics metrics) {
    this.jdbi = jdbi;
    this.metrics = metrics;
  }

  @Override
  public void recordRelease(ReleaseSnapshot snapshot) {
    try (ReleaseContext ignored =
        ReleaseContext.enter(snapshot.releaseId(), snapshot.currentWave())) {
      Optional<String> before =
          jdbi.withExtension(ReleaseDao.class, dao -> dao.status(snapshot.releaseId()));
      // Zero rows changed means a newer snapshot is already stored: nothing to do, not an error.
      int changed = jdbi.withExtension(ReleaseDao.class, dao -> dao.recordSnapshot(snapshot));
      boolean wasFinal =
          before.map(status -> ReleaseStatus.valueOf(status).isFinal()).orElse(false);
      // A retried snapshot finds its final status stored already, so a release counts once.
      if (changed > 0 && snapshot.status().isFinal() && !wasFinal) {
        metrics.releaseFinished(snapshot.status());
      }
    }
  }
}
