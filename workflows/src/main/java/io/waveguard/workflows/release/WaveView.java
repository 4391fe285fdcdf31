package io.waveguard.workflows.release;

import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.WaveStatus;

/** One wave in a release's live state. {@code gate} is null until the wave was evaluated. */
public record WaveView(
    int index, int targetCount, Tier highestTier, WaveStatus status, GateResult gate) {}
