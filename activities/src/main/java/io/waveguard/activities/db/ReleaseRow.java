package io.waveguard.activities.db;

import java.time.Instant;

/** A row of the release read model, as listed by the API. */
public record ReleaseRow(
    String releaseId,
    String service,
    String version,
    String strategy,
    String status,
    int currentWave,
    int waveCount,
    String reason,
    String specJson,
    Instant createdAt,
    Instant updatedAt) {}
