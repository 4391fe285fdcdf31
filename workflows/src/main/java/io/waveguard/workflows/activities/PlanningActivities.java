package io.waveguard.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.waveguard.workflows.model.ReleaseSpec;

/** Selects a release's targets, orders them into waves and stores the plan. */
@ActivityInterface
public interface PlanningActivities {

  /**
   * Idempotent: a release that already has a plan gets the stored one back, so a retried or
   * replayed planning step never reorders targets.
   *
   * @throws io.temporal.failure.ApplicationFailure non-retryable {@link ActivityErrors#NO_TARGETS}
   *     when the selector matches nothing
   */
  PlanSummary planRelease(ReleaseSpec spec);
}
