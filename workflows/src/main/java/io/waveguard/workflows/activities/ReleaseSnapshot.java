package io.waveguard.workflows.activities;

import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Strategy;
import java.time.Instant;

/** The release read model's row, written by the workflow as the release moves. */
public record ReleaseSnapshot(
    String releaseId,
    String service,
    String version,
    Strategy strategy,
    ReleaseStatus status,
    int currentWave,
    int waveCount,
    String reason,
    Instant updatedAt) {}
