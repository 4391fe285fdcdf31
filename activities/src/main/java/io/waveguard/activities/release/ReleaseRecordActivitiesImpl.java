package io.waveguard.activities.release;

import io.waveguard.activities.db.DeploymentDao;
import io.waveguard.activities.db.ReleaseDao;
import io.waveguard.activities.db.ReleaseRow;
import io.waveguard.activities.db.TargetDeployment;
import io.waveguard.activities.observability.ReleaseContext;
import io.waveguard.activities.observability.ReleaseMetrics;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.workflows.activities.ReleaseRecordActivities;
import io.waveguard.workflows.activities.ReleaseSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes the workflow's snapshots into the release read model. The row's changes are what the
 * release metrics count, each once: a release that first reaches a final status, and a wave that
 * passed (the snapshot moved on to the next wave, or the release completed).
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
      Optional<ReleaseRow> before =
          jdbi.withExtension(ReleaseDao.class, dao -> dao.find(snapshot.releaseId()));
      // Zero rows changed means a newer snapshot is already stored: nothing to do, not an error.
      int changed = jdbi.withExtension(ReleaseDao.class, dao -> dao.recordSnapshot(snapshot));
      if (changed > 0) {
        count(before, snapshot);
      }
    }
  }

  /** A retried snapshot finds its own change stored already, so nothing counts twice. */
  private void count(Optional<ReleaseRow> before, ReleaseSnapshot snapshot) {
    boolean wasFinal =
        before.map(row -> ReleaseStatus.valueOf(row.status()).isFinal()).orElse(false);
    if (wasFinal) {
      return;
    }
    int previousWave = before.map(ReleaseRow::currentWave).orElse(0);
    boolean forward =
        before.map(row -> goesForward(ReleaseStatus.valueOf(row.status()))).orElse(false)
            && goesForward(snapshot.status())
            && snapshot.status() != ReleaseStatus.PAUSED;
    // While rolling back, the wave named is the one being undone; a pause at the maximum bake
    // names the next wave although the gate never passed this one: no wave passes then.
    if (forward && previousWave >= 1 && snapshot.currentWave() > previousWave) {
      wavePassed(snapshot.releaseId(), previousWave, snapshot.updatedAt());
    }
    if (snapshot.status().isFinal()) {
      metrics.releaseFinished(snapshot.status());
      if (snapshot.status() == ReleaseStatus.COMPLETED && snapshot.currentWave() >= 1) {
        wavePassed(snapshot.releaseId(), snapshot.currentWave(), snapshot.updatedAt());
      }
    }
  }

  private static boolean goesForward(ReleaseStatus status) {
    return !status.isFinal()
        && status != ReleaseStatus.ROLLING_BACK
        && status != ReleaseStatus.ROLLBACK_INCOMPLETE;
  }

  /** From the wave's first confirmed deploy to the moment the release moved past it. */
  private void wavePassed(String releaseId, int wave, Instant at) {
    jdbi.withExtension(DeploymentDao.class, dao -> dao.wave(releaseId, wave)).stream()
        .map(TargetDeployment::deployedAt)
        .filter(Objects::nonNull)
        .min(Instant::compareTo)
        .ifPresent(deployed -> metrics.waveFinished("passed", Duration.between(deployed, at)));
  }
}
