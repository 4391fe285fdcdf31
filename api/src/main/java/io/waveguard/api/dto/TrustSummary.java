package io.waveguard.api.dto;

import io.waveguard.activities.db.TrustSnapshotRow;
import java.time.Instant;

/**
 * A target's latest trust, as listed with it.
 *
 * @param lowerBound the lower credible bound risk is computed with
 * @param risk impact × (1 − lowerBound)
 */
public record TrustSummary(
    double mean, double lowerBound, double impact, double risk, Instant computedAt) {

  public static TrustSummary of(TrustSnapshotRow row) {
    return new TrustSummary(
        row.mean(), row.lowerBound(), row.impact(), row.risk(), row.computedAt());
  }
}
