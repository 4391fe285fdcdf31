package io.waveguard.activities.db;

import io.waveguard.policy.gate.sequential.ReleaseEvidence;
import io.waveguard.policy.model.CohortStats;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.GateVerdict;
import java.time.Instant;

/**
 * One period of a release's sequential gate: the verdict, and the release's evidence after the
 * period, from which the next period continues.
 *
 * @param deployed the period's deployed traffic, and {@code control} the controls'
 */
public record GateEvidenceRow(
    String releaseId,
    Instant periodStart,
    Instant periodEnd,
    int wave,
    ReleaseEvidence evidence,
    GateVerdict verdict,
    String reason,
    CohortStats deployed,
    CohortStats control) {

  public static GateEvidenceRow of(
      String releaseId,
      Instant periodStart,
      Instant periodEnd,
      int wave,
      ReleaseEvidence evidence,
      GateResult result) {
    return new GateEvidenceRow(
        releaseId,
        periodStart,
        periodEnd,
        wave,
        evidence,
        result.verdict(),
        result.reason(),
        result.deployed(),
        result.control());
  }

  /** The verdict as the gate activity returned it. */
  public GateResult result() {
    return new GateResult(verdict, reason, deployed, control);
  }
}
