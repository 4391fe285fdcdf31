package io.waveguard.activities.db;

/** One target's row of {@link TelemetryDao#healthSummaries}; p99s are null without latency. */
public record HealthSummaryRow(
    String targetId,
    long requests,
    long errors,
    long crashes,
    double coveredSeconds,
    Double p99,
    long baselineRequests,
    long baselineErrors,
    Double baselineP99) {}
