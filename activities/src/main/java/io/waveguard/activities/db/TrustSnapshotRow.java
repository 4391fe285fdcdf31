package io.waveguard.activities.db;

import java.time.Instant;

/**
 * One persisted trust computation and what it was computed from.
 *
 * @param cause what asked for it: plan, replan, outcome, dry-run is never stored
 * @param releaseId the release that caused it, null when none did
 * @param wave the wave it was computed before (replan) or 0 at planning; null when not in a release
 * @param good decayed good outcomes used
 * @param bad decayed bad outcomes used
 * @param inputs JSON: health indicators, tier weight and model parameters used
 */
public record TrustSnapshotRow(
    long id,
    String targetId,
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
    double posteriorAlpha,
    double posteriorBeta,
    double impact,
    double risk,
    String inputs) {}
