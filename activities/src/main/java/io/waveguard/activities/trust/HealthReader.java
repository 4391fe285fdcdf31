package io.waveguard.activities.trust;

import io.waveguard.activities.telemetry.HealthWindows;
import io.waveguard.activities.telemetry.TargetTelemetry;
import io.waveguard.activities.telemetry.TelemetrySource;
import io.waveguard.policy.trust.HealthIndicators;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads targets' live health: telemetry over the health window, next to each target's own baseline
 * over the window before it. A target without telemetry in the health window gets no indicators (no
 * health evidence, never "healthy"); one without a baseline is judged against the SLO floors.
 */
final class HealthReader {

  private final TelemetrySource telemetry;
  private final Duration healthWindow;
  private final Duration baselineWindow;

  HealthReader(TelemetrySource telemetry, Duration healthWindow, Duration baselineWindow) {
    this.telemetry = telemetry;
    this.healthWindow = healthWindow;
    this.baselineWindow = baselineWindow;
  }

  Map<String, HealthIndicators> read(List<String> targetIds, Instant at) {
    Instant healthStart = at.minus(healthWindow);
    Map<String, HealthWindows> windows =
        telemetry.healthWindows(targetIds, healthStart.minus(baselineWindow), healthStart, at);
    Map<String, HealthIndicators> indicators = new HashMap<>(windows.size() * 2);
    windows.forEach((id, w) -> indicators.put(id, indicators(w.current(), w.baseline())));
    return indicators;
  }

  static HealthIndicators indicators(TargetTelemetry current, TargetTelemetry baseline) {
    double crashRate =
        current.requests() == 0
            ? 0
            : Math.min(1.0, (double) current.crashes() / current.requests());
    return new HealthIndicators(
        current.errorRate(),
        baseline == null ? 0 : baseline.errorRate(),
        current.typicalLatencyP99Ms(),
        baseline == null ? 0 : baseline.typicalLatencyP99Ms(),
        crashRate,
        current.availability(),
        current.requests());
  }
}
