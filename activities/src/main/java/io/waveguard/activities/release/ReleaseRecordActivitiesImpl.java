package io.waveguard.activities.release;

import io.waveguard.activities.db.ReleaseDao;
import io.waveguard.workflows.activities.ReleaseRecordActivities;
import io.waveguard.workflows.activities.ReleaseSnapshot;
import org.jdbi.v3.core.Jdbi;

/** Writes the workflow's snapshots into the release read model. */
public final class ReleaseRecordActivitiesImpl implements ReleaseRecordActivities {

  private final Jdbi jdbi;

  public ReleaseRecordActivitiesImpl(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void recordRelease(ReleaseSnapshot snapshot) {
    // Zero rows changed means a newer snapshot is already stored: nothing to do, not an error.
    jdbi.useExtension(ReleaseDao.class, dao -> dao.recordSnapshot(snapshot));
  }
}
