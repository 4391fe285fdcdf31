package io.waveguard.policy.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.waveguard.policy.model.GateVerdict;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LatencyShiftCheckTest {

  private final LatencyShiftCheck test = new LatencyShiftCheck();

  /** Lognormal latencies around 100 ms, heavy right tail, multiplied by {@code shift}. */
  private static double[] latencies(Random random, int n, double shift) {
    double[] sample = new double[n];
    for (int i = 0; i < n; i++) {
      sample[i] = shift * 100 * Math.exp(0.5 * random.nextGaussian());
    }
    return sample;
  }

  @Test
  void matchesScipyOnASmallSampleWithTies() {
    double[] deployed = {12, 15, 15, 18, 20, 22, 22, 25, 30, 31, 40, 41};
    double[] control = {10, 11, 12, 12, 14, 15, 16, 18, 19, 20, 21, 22, 23};

    var result = test.evaluate(deployed, control);

    // scipy.stats.mannwhitneyu(d, c, alternative='greater', method='asymptotic')
    assertThat(result.u()).isEqualTo(119);
    assertThat(result.z()).isCloseTo(2.2088645577090165, within(1e-9));
    assertThat(result.pValue()).isCloseTo(0.013592031527835717, within(0.013592 * 1e-6));
    var reversed = test.evaluate(control, deployed);
    assertThat(reversed.u()).isEqualTo(37);
    assertThat(reversed.pValue()).isCloseTo(0.9881946148335832, within(1e-6));
  }

  // scipy.stats.norm.sf(z)
  @ParameterizedTest(name = "P(Z > {0}) = {1}")
  @CsvSource({
    "0, 0.5",
    "1, 0.15865525393145707",
    "1.6448536269514722, 0.050000000000000044",
    "2.326347874040841, 0.009999999999999992",
    "5, 2.866515718791933e-07",
    "8, 6.22096057427174e-16",
    "-2, 0.9772498680518208"
  })
  void normalTailHasSmallRelativeErrorEvenFarOut(double z, double expected) {
    assertThat(LatencyShiftCheck.upperTail(z)).isCloseTo(expected, within(2e-7 * expected));
  }

  @Test
  void failsWhenTheDeployedCohortIsTwentyPercentSlower() {
    Random random = new Random(5L);

    var result = test.evaluate(latencies(random, 500, 1.2), latencies(random, 2_000, 1.0));

    assertThat(result.verdict()).isEqualTo(GateVerdict.FAIL);
    assertThat(result.z()).isGreaterThan(3);
    assertThat(result.effect()).isGreaterThan(0.56);
    assertThat(result.reason()).contains("Mann-Whitney").contains("p=");
  }

  @Test
  void passesWhenTheDeployedCohortIsFaster() {
    Random random = new Random(6L);

    var result = test.evaluate(latencies(random, 500, 0.8), latencies(random, 2_000, 1.0));

    assertThat(result.verdict()).isEqualTo(GateVerdict.PASS);
    assertThat(result.pValue()).isGreaterThan(0.99);
  }

  @Test
  void withoutAShiftPValuesAreUniformSoFalseAlarmsStayAtAlpha() {
    Random random = new Random(7L);
    int runs = 2_000;
    int below5 = 0;
    int fails = 0;
    for (int i = 0; i < runs; i++) {
      var result = test.evaluate(latencies(random, 60, 1.0), latencies(random, 120, 1.0));
      below5 += result.pValue() < 0.05 ? 1 : 0;
      fails += result.verdict() == GateVerdict.FAIL ? 1 : 0;
    }

    double sigma5 = Math.sqrt(0.05 * 0.95 / runs);
    assertThat((double) below5 / runs).isBetween(0.05 - 3 * sigma5, 0.05 + 3 * sigma5);
    assertThat((double) fails / runs).isLessThanOrEqualTo(0.01 + 3 * Math.sqrt(0.0099 / runs));
  }

  @Test
  void aSignificantButNegligibleShiftDoesNotFailAWave() {
    Random random = new Random(8L);

    var result = test.evaluate(latencies(random, 20_000, 1.02), latencies(random, 20_000, 1.0));

    assertThat(result.pValue()).isLessThan(0.01);
    assertThat(result.effect()).isLessThan(0.56);
    assertThat(result.verdict()).isEqualTo(GateVerdict.PASS);
  }

  @Test
  void tooFewSamplesIsInconclusive() {
    Random random = new Random(9L);

    var result = test.evaluate(latencies(random, 10, 3.0), latencies(random, 500, 1.0));

    assertThat(result.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(result.reason()).contains("needs 20 samples");
  }

  @Test
  void identicalConstantSamplesShowNoShift() {
    double[] flat = new double[50];
    Arrays.fill(flat, 100);

    var result = test.evaluate(flat, flat);

    assertThat(result.verdict()).isEqualTo(GateVerdict.PASS);
    assertThat(result.pValue()).isEqualTo(1.0);
    assertThat(result.effect()).isEqualTo(0.5);
  }

  @Test
  void theResultDoesNotDependOnSampleOrderAndLeavesInputsAlone() {
    Random random = new Random(10L);
    double[] deployed = latencies(random, 300, 1.1);
    double[] control = latencies(random, 300, 1.0);
    double[] deployedBefore = deployed.clone();
    double[] reversed = new double[deployed.length];
    for (int i = 0; i < deployed.length; i++) {
      reversed[i] = deployed[deployed.length - 1 - i];
    }

    var first = test.evaluate(deployed, control);
    var second = test.evaluate(reversed, control);

    assertThat(second).isEqualTo(first);
    assertThat(deployed).containsExactly(deployedBefore);
  }

  @Test
  void rejectsLatenciesThatAreNotNumbers() {
    assertThatThrownBy(() -> test.evaluate(new double[] {1, Double.NaN}, new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
