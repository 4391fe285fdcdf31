package io.waveguard.workflows.activities;

import io.temporal.activity.ActivityInterface;

/** Keeps the PostgreSQL read model of releases in step with the workflow. */
@ActivityInterface
public interface ReleaseRecordActivities {

  /** Upserts the release's row; an older snapshot never overwrites a newer one. */
  void recordRelease(ReleaseSnapshot snapshot);
}
