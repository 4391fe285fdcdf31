package io.waveguard.activities.db;

import java.time.Instant;

/** One target's telemetry over one window [windowStart, windowEnd). */
public record TelemetrySample(
    String targetId,
    Instant windowStart,
    Instant windowEnd,
    long requests,
    long errors,
    Double latencyP99Ms,
    long crashes) {}
