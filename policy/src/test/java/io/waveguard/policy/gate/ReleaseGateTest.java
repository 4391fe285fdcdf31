package io.waveguard.policy.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.policy.model.CohortStats;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.ReleasePolicy;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReleaseGateTest {

  private final ReleaseGate gate = new ReleaseGate();
  private final ReleasePolicy policy = ReleasePolicy.defaults();

  // Error counts the conditional SPRT passes, fails and keeps sampling on (default parameters).
  private static final CohortStats CLEAN_DEPLOYED = new CohortStats(10, 50_000, 48);
  private static final CohortStats CLEAN_CONTROL = new CohortStats(10, 50_000, 52);
  private static final CohortStats DOUBLED_DEPLOYED = new CohortStats(10, 50_000, 100);
  private static final CohortStats DOUBLED_CONTROL = new CohortStats(10, 50_000, 50);
  private static final CohortStats THIN_DEPLOYED = new CohortStats(1, 500, 0);
  private static final CohortStats THIN_CONTROL = new CohortStats(10, 20_000, 20);

  /** Latency relative to each target's baseline p99: lognormal around 1, times {@code shift}. */
  private static double[] latencies(long seed, int n, double shift) {
    Random random = new Random(seed);
    double[] sample = new double[n];
    for (int i = 0; i < n; i++) {
      sample[i] = shift * Math.exp(0.2 * random.nextGaussian());
    }
    return sample;
  }

  private GateResult evaluate(
      CohortStats deployed,
      double[] deployedLatency,
      CohortStats control,
      double[] controlLatency) {
    return gate.evaluate(
        new GateEvidence(deployed, deployedLatency),
        new GateEvidence(control, controlLatency),
        policy);
  }

  @Test
  void failsOnALatencyShiftEvenWhenErrorsAreClean() {
    GateResult result =
        evaluate(CLEAN_DEPLOYED, latencies(1, 40, 1.5), CLEAN_CONTROL, latencies(2, 40, 1.0));

    assertThat(result.verdict()).isEqualTo(GateVerdict.FAIL);
    assertThat(result.reason()).contains("Mann-Whitney").contains("40 deployed vs 40 control");
    assertThat(result.deployed()).isEqualTo(CLEAN_DEPLOYED);
    assertThat(result.control()).isEqualTo(CLEAN_CONTROL);
  }

  @Test
  void failsOnDoubledErrorsEvenWhenLatencyIsClean() {
    GateResult result =
        evaluate(DOUBLED_DEPLOYED, latencies(1, 40, 1.0), DOUBLED_CONTROL, latencies(2, 40, 1.0));

    assertThat(result.verdict()).isEqualTo(GateVerdict.FAIL);
    assertThat(result.reason()).contains("errors: conditional SPRT").contains("100 of 150 errors");
  }

  @Test
  void passesWhenErrorsAndLatencyAreBothClean() {
    GateResult result =
        evaluate(CLEAN_DEPLOYED, latencies(1, 40, 1.0), CLEAN_CONTROL, latencies(2, 40, 1.0));

    assertThat(result.verdict()).isEqualTo(GateVerdict.PASS);
    assertThat(result.reason()).startsWith("errors: ").contains("; latency: Mann-Whitney");
  }

  @Test
  void passesWhenTheDeployedCohortIsFaster() {
    GateResult result =
        evaluate(CLEAN_DEPLOYED, latencies(1, 40, 0.5), CLEAN_CONTROL, latencies(2, 40, 1.0));

    assertThat(result.verdict()).isEqualTo(GateVerdict.PASS);
  }

  @Test
  void keepsSamplingWithTooFewLatencySamples() {
    GateResult result =
        evaluate(CLEAN_DEPLOYED, latencies(1, 5, 1.0), CLEAN_CONTROL, latencies(2, 5, 1.0));

    assertThat(result.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(result.reason()).contains("latency test needs 20 samples per cohort");
  }

  @Test
  void latencyInOnlyOneCohortKeepsSamplingRatherThanLettingErrorsDecide() {
    GateResult result =
        evaluate(CLEAN_DEPLOYED, latencies(1, 40, 1.0), CLEAN_CONTROL, new double[0]);

    assertThat(result.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(result.reason()).contains("deployed has 40, controls 0");
  }

  @Test
  void errorFailureWinsOverTooFewLatencySamples() {
    GateResult result =
        evaluate(DOUBLED_DEPLOYED, latencies(1, 5, 1.0), DOUBLED_CONTROL, latencies(2, 5, 1.0));

    assertThat(result.verdict()).isEqualTo(GateVerdict.FAIL);
  }

  @Test
  void withoutLatencyInEitherCohortTheErrorTestDecidesAloneAndSaysSo() {
    ConditionalSprtErrorGate errorGate = new ConditionalSprtErrorGate();
    CohortStats[][] cases = {
      {CLEAN_DEPLOYED, CLEAN_CONTROL},
      {DOUBLED_DEPLOYED, DOUBLED_CONTROL},
      {THIN_DEPLOYED, THIN_CONTROL}
    };
    GateVerdict[] expected = {GateVerdict.PASS, GateVerdict.FAIL, GateVerdict.INCONCLUSIVE};

    for (int i = 0; i < cases.length; i++) {
      CohortStats deployed = cases[i][0];
      CohortStats control = cases[i][1];
      GateResult errors = errorGate.evaluate(deployed, control, policy);

      GateResult result =
          gate.evaluate(
              GateEvidence.errorsOnly(deployed), GateEvidence.errorsOnly(control), policy);

      assertThat(errors.verdict()).isEqualTo(expected[i]);
      assertThat(result.verdict()).isEqualTo(errors.verdict());
      assertThat(result.reason())
          .isEqualTo(
              "errors: " + errors.reason() + "; latency: not measured by the telemetry source");
    }
  }

  @Test
  void nullLatencyCountsAsNotMeasured() {
    GateResult result =
        gate.evaluate(
            new GateEvidence(CLEAN_DEPLOYED, null), new GateEvidence(CLEAN_CONTROL, null), policy);

    assertThat(result.verdict()).isEqualTo(GateVerdict.PASS);
    assertThat(result.reason()).contains("latency: not measured");
  }

  @Test
  void evidenceKeepsItsOwnCopyOfTheSamples() {
    double[] samples = latencies(1, 40, 1.0);
    GateEvidence evidence = new GateEvidence(CLEAN_DEPLOYED, samples);

    samples[0] = 1_000;
    evidence.latencySamples()[1] = 1_000;

    assertThat(evidence.latencySamples()[0]).isNotEqualTo(1_000);
    assertThat(evidence.latencySamples()[1]).isNotEqualTo(1_000);
  }

  @ParameterizedTest(name = "errors {0} + latency {1} -> {2}")
  @CsvSource({
    "PASS, PASS, PASS",
    "PASS, INCONCLUSIVE, INCONCLUSIVE",
    "PASS, FAIL, FAIL",
    "INCONCLUSIVE, PASS, INCONCLUSIVE",
    "INCONCLUSIVE, INCONCLUSIVE, INCONCLUSIVE",
    "INCONCLUSIVE, FAIL, FAIL",
    "FAIL, PASS, FAIL",
    "FAIL, INCONCLUSIVE, FAIL",
    "FAIL, FAIL, FAIL"
  })
  void combineFailsOnEitherFailureAndPassesOnlyOnBothPasses(
      GateVerdict errors, GateVerdict latency, GateVerdict expected) {
    assertThat(ReleaseGate.combine(errors, latency)).isEqualTo(expected);
  }
}
