package io.waveguard.activities.telemetry;

/**
 * A target's telemetry over the health window and over its baseline window just before, as the
 * trust engine reads them.
 *
 * @param baseline null when the target reported nothing in the baseline window
 */
public record HealthWindows(TargetTelemetry current, TargetTelemetry baseline) {}
