package io.waveguard.activities.db;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * How a read of [from, to) splits between rollups and samples: whole 15-minute buckets inside the
 * window come from {@code telemetry_rollups} (except a hole: the bucket around a split instant a
 * query filters on, such as the trust engine's health-window start), and the partial buckets at the
 * edges and the hole come from {@code telemetry_samples}, as three ranges of window starts.
 */
public record RollupWindow(
    Instant from,
    Instant to,
    Instant split,
    Instant rollupFrom,
    Instant rollupTo,
    Instant holeFrom,
    Instant holeTo) {

  /** The rollups' bucket length; {@code telemetry_bucket} in V10 bins by the same. */
  public static final Duration BUCKET = Duration.ofMinutes(15);

  /** The window [from, to) with no instant inside it that a query splits on. */
  public static RollupWindow of(Instant from, Instant to) {
    return of(from, to, from);
  }

  /** The window [from, to), split at {@code split}: no rollup bucket straddles it. */
  public static RollupWindow of(Instant from, Instant to, Instant split) {
    Instant first = ceil(from);
    Instant last = floor(to);
    if (!first.isBefore(last)) {
      // No whole bucket inside: every window start comes from the samples.
      return new RollupWindow(from, to, split, to, to, to, to);
    }
    Instant hole = floor(split);
    if (hole.equals(split) || hole.isBefore(first) || hole.plus(BUCKET).isAfter(last)) {
      return new RollupWindow(from, to, split, first, last, first, first);
    }
    return new RollupWindow(from, to, split, first, last, hole, hole.plus(BUCKET));
  }

  static Instant floor(Instant at) {
    long bucket = BUCKET.getSeconds();
    long seconds = Math.floorDiv(at.getEpochSecond(), bucket) * bucket;
    return Instant.ofEpochSecond(seconds);
  }

  static Instant ceil(Instant at) {
    Instant floor = floor(at);
    return floor.equals(at) ? at : floor.plus(BUCKET);
  }

  // Bound as :w.<name> in TelemetryDao's queries.

  public Timestamp fromTs() {
    return Timestamp.from(from);
  }

  public Timestamp toTs() {
    return Timestamp.from(to);
  }

  public Timestamp splitTs() {
    return Timestamp.from(split);
  }

  public Timestamp rollupFromTs() {
    return Timestamp.from(rollupFrom);
  }

  public Timestamp rollupToTs() {
    return Timestamp.from(rollupTo);
  }

  public Timestamp holeFromTs() {
    return Timestamp.from(holeFrom);
  }

  public Timestamp holeToTs() {
    return Timestamp.from(holeTo);
  }
}
