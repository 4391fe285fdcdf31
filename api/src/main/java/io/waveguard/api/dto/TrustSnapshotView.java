package io.waveguard.api.dto;

import com.fasterxml.jackson.databind.JsonNode;
import io.waveguard.activities.db.Database;
import io.waveguard.activities.db.TrustSnapshotRow;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * One trust computation with its inputs and cause, as GET /targets/{id}/trust shows it.
 *
 * @param cause plan, replan or outcome
 * @param wave the wave about to start when computed by a re-plan; 0 at planning
 * @param good decayed good outcomes
 * @param bad decayed bad outcomes
 * @param health live health in [0, 1]; null when there was no telemetry
 * @param inputs health indicators, tier weight and model parameters
 */
public record TrustSnapshotView(
    Instant computedAt,
    String cause,
    String releaseId,
    Integer wave,
    double mean,
    double lowerBound,
    double historyMean,
    Double health,
    double evidence,
    double good,
    double bad,
    double impact,
    double risk,
    JsonNode inputs) {

  public static TrustSnapshotView of(TrustSnapshotRow row) {
    try {
      return new TrustSnapshotView(
          row.computedAt(),
          row.cause(),
          row.releaseId(),
          row.wave(),
          row.mean(),
          row.lowerBound(),
          row.historyMean(),
          row.health(),
          row.evidence(),
          row.good(),
          row.bad(),
          row.impact(),
          row.risk(),
          Database.JSON.readTree(row.inputs()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException("stored trust inputs are not JSON", e);
    }
  }
}
