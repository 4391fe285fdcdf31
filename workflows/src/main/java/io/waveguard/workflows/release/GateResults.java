package io.waveguard.workflows.release;

import io.waveguard.policy.model.CohortStats;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.GateVerdict;

/** Gate results the workflow makes itself, when the gate activity could not produce one. */
final class GateResults {

  private GateResults() {}

  /** Telemetry that cannot be read is no evidence of health: keep sampling, then pause. */
  static GateResult unavailable(String why) {
    return new GateResult(
        GateVerdict.INCONCLUSIVE,
        "telemetry unavailable: " + why,
        CohortStats.EMPTY,
        CohortStats.EMPTY);
  }
}
