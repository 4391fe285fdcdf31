package io.waveguard.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.waveguard.policy.model.StrandedTargets;

/**
 * Deploys and undoes waves. Both methods are idempotent per (release, wave, target): a retry after
 * a crash touches only the targets the earlier attempt did not finish.
 */
@ActivityInterface
public interface DeploymentActivities {

  WaveDeployment deployWave(WaveRequest request);

  WaveDeployment rollBackWave(WaveRequest request);

  /**
   * The release's targets that still run its build, or may (a deploy or rollback was sent and never
   * confirmed): asked after some wave's rollback failed for good, and written to the audit log.
   */
  StrandedTargets listStrandedTargets(String releaseId);

  /**
   * Fences the release: from now on no deploy attempt may claim any of its targets (a running one
   * stops at its next batch with ROLLBACK_FENCED). Idempotent; every rollback does it first.
   */
  void fenceDeploys(String releaseId);
}
