package io.waveguard.workflows.activities;

import io.temporal.activity.ActivityInterface;

/** Feeds finished releases back into the trust of the targets they touched. */
@ActivityInterface
public interface TrustActivities {

  /**
   * Records one outcome per deployed target (good, bad, or none) and a fresh trust snapshot for
   * each. Idempotent per (release, target): a retry records nothing twice.
   */
  OutcomeSummary recordReleaseOutcomes(OutcomeRequest request);
}
