package io.waveguard.activities.release;

import io.waveguard.activities.observability.ReleaseMetrics;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.GateVerdict;
import java.time.Duration;
import java.time.Instant;

/** What both gates record about a wave the verdict ends. */
final class GateMetrics {

  private GateMetrics() {}

  /** A PASS or FAIL ends the wave: its duration, from its first deploy to the judged period. */
  static void waveEnded(
      ReleaseMetrics metrics, GateResult result, Instant deployedAt, Instant judgedUntil) {
    if (deployedAt == null || result.verdict() == GateVerdict.INCONCLUSIVE) {
      return;
    }
    metrics.waveFinished(
        result.verdict() == GateVerdict.PASS ? "passed" : "failed",
        Duration.between(deployedAt, judgedUntil));
  }
}
