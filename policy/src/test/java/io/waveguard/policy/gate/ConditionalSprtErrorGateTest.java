package io.waveguard.policy.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.waveguard.policy.model.CohortStats;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.ReleasePolicy;
import org.junit.jupiter.api.Test;

class ConditionalSprtErrorGateTest {

  private final ConditionalSprtErrorGate gate = new ConditionalSprtErrorGate();
  private final ReleasePolicy policy = ReleasePolicy.defaults();

  @Test
  void passesWhenErrorsSplitLikeTheTraffic() {
    var result =
        gate.evaluate(new CohortStats(10, 50_000, 48), new CohortStats(10, 50_000, 52), policy);

    assertThat(result.verdict()).isEqualTo(GateVerdict.PASS);
  }

  @Test
  void failsWhenTheWaveTakesTwiceItsShareOfErrorsAndSaysWhy() {
    var result =
        gate.evaluate(new CohortStats(10, 50_000, 100), new CohortStats(10, 50_000, 50), policy);

    assertThat(result.verdict()).isEqualTo(GateVerdict.FAIL);
    assertThat(result.reason()).contains("LLR").contains("100 of 150 errors");
  }

  @Test
  void keepsSamplingOnAHandfulOfErrors() {
    var result =
        gate.evaluate(new CohortStats(1, 2_000, 3), new CohortStats(10, 20_000, 20), policy);

    assertThat(result.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
  }

  @Test
  void thinCohortsAreInconclusiveNeverAPass() {
    var result = gate.evaluate(new CohortStats(1, 500, 0), new CohortStats(10, 20_000, 20), policy);

    assertThat(result.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(result.reason()).contains("needs 1000 requests per cohort");
  }

  @Test
  void expectedTrafficApproachesThePlugInFloorAsControlsGrow() {
    double floor = SprtErrorGate.expectedSampleSize(0.001, 1.0, 0.01, 0.05);

    double equal = ConditionalSprtErrorGate.expectedDeployedRequests(0.001, 1, 1, 0.01, 0.05);
    double huge = ConditionalSprtErrorGate.expectedDeployedRequests(0.001, 1, 10_000, 0.01, 0.05);

    assertThat(equal).isGreaterThan(2 * floor);
    assertThat(huge).isCloseTo(floor, within(floor * 0.01));
  }
}
