package io.waveguard.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.waveguard.policy.model.GateResult;

/** Gathers telemetry for a wave and its controls and runs the release's gate on it. */
@ActivityInterface
public interface GateActivities {

  GateResult evaluateWave(GateRequest request);
}
