package io.waveguard.workflows.release;

import io.waveguard.workflows.model.GateResult;
import io.waveguard.workflows.model.Tier;
import io.waveguard.workflows.model.WaveStatus;

/** One wave in a release's live state. {@code gate} is null until the wave was evaluated. */
public record WaveView(
    int index, int targetCount, Tier highestTier, WaveStatus status, GateResult gate) {}
