package io.waveguard.activities.db;

import java.time.Instant;

/**
 * One target's telemetry over one window [windowStart, windowEnd).
 *
 * @param version the build the agent measured it on; null when it does not say. A labelled sample
 *     is credited only to the build the target ran then (see {@code sample_matches_version})
 */
public record TelemetrySample(
    String targetId,
    Instant windowStart,
    Instant windowEnd,
    long requests,
    long errors,
    Double latencyP99Ms,
    long crashes,
    String version) {

  /** A sample that does not say which build it was measured on. */
  public TelemetrySample(
      String targetId,
      Instant windowStart,
      Instant windowEnd,
      long requests,
      long errors,
      Double latencyP99Ms,
      long crashes) {
    this(targetId, windowStart, windowEnd, requests, errors, latencyP99Ms, crashes, null);
  }
}
