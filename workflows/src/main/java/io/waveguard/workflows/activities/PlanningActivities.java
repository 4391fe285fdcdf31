package io.waveguard.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.waveguard.policy.model.ReleaseSpec;

/** Selects a release's targets, orders them into waves and stores the plan. */
@ActivityInterface
public interface PlanningActivities {

  /**
   * Idempotent: a release that already has a plan gets the stored one back, so a retried or
   * replayed planning step never reorders targets.
   *
   * @throws io.temporal.failure.ApplicationFailure non-retryable {@link ActivityErrors#NO_TARGETS}
   *     when the selector matches nothing, and {@link ActivityErrors#TARGETS_HELD} (details: {@link
   *     TargetsHeld}) when another running release holds some of the selected targets; the targets
   *     are claimed for the release all or nothing, in the same transaction as the plan
   */
  PlanSummary planRelease(ReleaseSpec spec);

  /**
   * Lets go of every target the release holds, once it reached its final status. Idempotent:
   * returns how many holds this call released (0 on a retry).
   */
  int releaseTargets(String releaseId);

  /**
   * Recomputes the trust of the release's targets from fresh telemetry, re-ranks the targets of the
   * waves not yet deployed (same sizes and tiers) and checks whether the next wave may enter its
   * tier. Records the change in the audit log. Idempotent: a retry after the plan was stored
   * returns the stored re-plan.
   */
  ReplanResult replanRemaining(ReplanRequest request);
}
