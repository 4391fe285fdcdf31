package io.waveguard.workflows.activities;

import io.temporal.activity.ActivityInterface;

/**
 * Deploys and undoes waves. Both methods are idempotent per (release, wave, target): a retry after
 * a crash touches only the targets the earlier attempt did not finish.
 */
@ActivityInterface
public interface DeploymentActivities {

  WaveDeployment deployWave(WaveRequest request);

  WaveDeployment rollBackWave(WaveRequest request);
}
