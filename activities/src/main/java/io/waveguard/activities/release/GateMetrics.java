package io.waveguard.activities.release;

import io.waveguard.activities.observability.ReleaseMetrics;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.GateVerdict;
import java.time.Duration;
import java.time.Instant;

/**
 * What both gates record about a wave their verdict ends: a FAIL always ends it (the rollback
 * follows). A PASS may not (the bake goes on until its minimum), so a passed wave's duration is
 * recorded when the release moves past it ({@link ReleaseRecordActivitiesImpl}).
 */
final class GateMetrics {

  private GateMetrics() {}

  /** A FAIL: the wave's duration, from its first deploy to the end of the judged period. */
  static void waveEnded(
      ReleaseMetrics metrics, GateResult result, Instant deployedAt, Instant judgedUntil) {
    if (deployedAt == null || result.verdict() != GateVerdict.FAIL) {
      return;
    }
    metrics.waveFinished("failed", Duration.between(deployedAt, judgedUntil));
  }
}
