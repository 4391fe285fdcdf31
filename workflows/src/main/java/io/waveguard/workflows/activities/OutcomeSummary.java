package io.waveguard.workflows.activities;

/**
 * How a finished release was attributed to its deployed targets.
 *
 * @param good targets that took it cleanly
 * @param bad targets whose own telemetry degraded beyond the release's effect
 * @param none targets the release says nothing about (rolled back with the rest, or too quiet)
 * @param releaseEffect the deployed cohort's errors over what their baselines predict
 */
public record OutcomeSummary(int good, int bad, int none, double releaseEffect) {}
