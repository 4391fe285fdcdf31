package io.waveguard.api.dto;

import io.waveguard.activities.db.ReleaseRow;
import java.time.Instant;

/** One release in a list: the read model's row, without the stored spec. */
public record ReleaseSummary(
    String releaseId,
    String service,
    String version,
    String strategy,
    String status,
    int currentWave,
    int waveCount,
    String reason,
    Instant createdAt,
    Instant updatedAt) {

  public static ReleaseSummary of(ReleaseRow row) {
    return new ReleaseSummary(
        row.releaseId(),
        row.service(),
        row.version(),
        row.strategy(),
        row.status(),
        row.currentWave(),
        row.waveCount(),
        row.reason(),
        row.createdAt(),
        row.updatedAt());
  }
}
