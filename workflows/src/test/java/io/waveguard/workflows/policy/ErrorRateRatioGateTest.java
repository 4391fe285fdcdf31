package io.waveguard.workflows.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.workflows.model.CohortStats;
import io.waveguard.workflows.model.GateVerdict;
import io.waveguard.workflows.model.ReleasePolicy;
import org.junit.jupiter.api.Test;

class ErrorRateRatioGateTest {

  private final Gate gate = new ErrorRateRatioGate();
  private final ReleasePolicy policy = ReleasePolicy.defaults();

  @Test
  void passesWhenTheDeployedCohortMatchesTheControls() {
    var result =
        gate.evaluate(new CohortStats(3, 50_000, 60), new CohortStats(9, 150_000, 150), policy);

    assertThat(result.verdict()).isEqualTo(GateVerdict.PASS);
  }

  @Test
  void failsWhenTheErrorRateIsAboveTheRatio() {
    var result =
        gate.evaluate(new CohortStats(3, 50_000, 500), new CohortStats(9, 150_000, 150), policy);

    assertThat(result.verdict()).isEqualTo(GateVerdict.FAIL);
    assertThat(result.reason()).contains("ratio");
  }

  @Test
  void missingTelemetryIsInconclusiveNeverAPass() {
    var result = gate.evaluate(CohortStats.EMPTY, new CohortStats(9, 150_000, 150), policy);

    assertThat(result.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(result.reason()).contains("need 1000 requests");
  }
}
