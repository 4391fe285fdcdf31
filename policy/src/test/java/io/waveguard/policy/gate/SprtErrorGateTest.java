package io.waveguard.policy.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.waveguard.policy.model.CohortStats;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.ReleasePolicy;
import org.junit.jupiter.api.Test;

class SprtErrorGateTest {

  private final SprtErrorGate gate = new SprtErrorGate();
  private final ReleasePolicy policy = ReleasePolicy.defaults();
  private final CohortStats controls = new CohortStats(40, 200_000, 200); // p0 ≈ 0.1 %

  @Test
  void boundariesFollowFromAlphaAndBeta() {
    var p = SprtParameters.defaults();

    // ln(0.95 / 0.01) and ln(0.05 / 0.99), checked with numpy.
    assertThat(p.failBoundary()).isCloseTo(4.553876891600541, within(1e-12));
    assertThat(p.passBoundary()).isCloseTo(-2.9856819377004893, within(1e-12));
  }

  @Test
  void expectedSampleSizeAtADoublingOfATenthOfAPercentIsAboutTenPointEightThousand() {
    double n = SprtErrorGate.expectedSampleSize(0.001, 1.0, 0.01, 0.05);

    // DESIGN §4's floor; numpy gives 10798.7400048153.
    assertThat(n).isCloseTo(10_798.74, within(0.05));
  }

  @Test
  void aSmallerEffectNeedsMoreTraffic() {
    assertThat(SprtErrorGate.expectedSampleSize(0.001, 0.5, 0.01, 0.05))
        .isGreaterThan(3 * SprtErrorGate.expectedSampleSize(0.001, 1.0, 0.01, 0.05));
  }

  @Test
  void passesAWaveAsGoodAsItsControls() {
    var result = gate.evaluate(new CohortStats(3, 20_000, 18), controls, policy);

    assertThat(result.verdict()).isEqualTo(GateVerdict.PASS);
  }

  @Test
  void failsAWaveWithADoubledErrorRateAndSaysWhy() {
    var result = gate.evaluate(new CohortStats(3, 20_000, 45), controls, policy);

    assertThat(result.verdict()).isEqualTo(GateVerdict.FAIL);
    assertThat(result.reason()).contains("LLR").contains("4.554").contains("-2.986");
    assertThat(result.deployed().errors()).isEqualTo(45);
  }

  @Test
  void keepsSamplingWhileTheWaveHasSeenLittleTraffic() {
    var result = gate.evaluate(new CohortStats(1, 1_000, 1), controls, policy);

    assertThat(result.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(result.reason()).contains("LLR");
  }

  @Test
  void thinControlsAreInconclusiveNeverAPass() {
    var result = gate.evaluate(new CohortStats(3, 50_000, 0), new CohortStats(1, 500, 0), policy);

    assertThat(result.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(result.reason()).contains("needs 1000 control requests");
  }

  @Test
  void controlsWithoutErrorsStillGiveAFiniteLikelihoodRatio() {
    var result =
        gate.evaluate(new CohortStats(3, 10_000, 0), new CohortStats(9, 100_000, 0), policy);

    assertThat(result.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(result.reason()).doesNotContain("NaN").doesNotContain("Infinity");
  }

  @Test
  void manyErrorsAgainstCleanControlsFail() {
    var result =
        gate.evaluate(new CohortStats(3, 10_000, 10), new CohortStats(9, 100_000, 0), policy);

    assertThat(result.verdict()).isEqualTo(GateVerdict.FAIL);
  }

  @Test
  void theLikelihoodRatioIsTheBernoulliFormula() {
    double llr = SprtErrorGate.logLikelihoodRatio(30, 20_000, 0.001, 0.002);

    double expected = 30 * Math.log(2) + 19_970 * Math.log(0.998 / 0.999);
    assertThat(llr).isCloseTo(expected, within(1e-9));
  }

  @Test
  void aHighControlRateThatCannotDoubleIsCappedBelowOne() {
    assertThat(SprtErrorGate.alternativeRate(0.7, 1.0)).isCloseTo(0.85, within(1e-12));
    var result =
        gate.evaluate(new CohortStats(1, 1_000, 990), new CohortStats(9, 10_000, 7_000), policy);
    assertThat(result.verdict()).isEqualTo(GateVerdict.FAIL);
  }
}
