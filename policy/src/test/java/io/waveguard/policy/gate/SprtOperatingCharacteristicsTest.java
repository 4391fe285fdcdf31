package io.waveguard.policy.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.policy.gate.SequentialRun.Scenario;
import io.waveguard.policy.model.ReleasePolicy;
import org.junit.jupiter.api.Test;

/**
 * Seeded Monte Carlo checks that the sequential error gates keep their promised error rates and
 * decide in about the traffic Wald's theory says. Traffic arrives in batches of 500 deployed
 * requests; the gate is evaluated after each batch, up to 200 batches (100 k requests).
 */
class SprtOperatingCharacteristicsTest {

  private static final double ALPHA = 0.01;
  private static final double BETA = 0.05;
  private static final double P0 = 0.001;
  private static final int NULL_RUNS = 4_000;
  private static final int DEGRADED_RUNS = 2_000;
  private static final int MAX_BATCHES = 200;

  private final ReleasePolicy policy = ReleasePolicy.defaults();

  /** The allowed rate plus three binomial standard errors of its estimate over the runs. */
  private static double upperTolerance(double rate, int runs) {
    return rate + 3 * Math.sqrt(rate * (1 - rate) / runs);
  }

  private static Scenario scenario(double deployedRate, long controlPerDeployed) {
    return new Scenario(deployedRate, P0, 500, 500 * controlPerDeployed, MAX_BATCHES);
  }

  @Test
  void aWaveAsGoodAsControlsTwentyTimesItsSizeRarelyFails() {
    var summary =
        SequentialRun.repeat(new SprtErrorGate(), scenario(P0, 20), policy, NULL_RUNS, 11L);

    assertThat(summary.failRate()).isLessThanOrEqualTo(upperTolerance(ALPHA, NULL_RUNS));
    assertThat(summary.passRate()).isGreaterThan(0.95);
  }

  @Test
  void aDoubledErrorRateFailsInAboutWaldsExpectedTraffic() {
    var summary =
        SequentialRun.repeat(new SprtErrorGate(), scenario(2 * P0, 20), policy, DEGRADED_RUNS, 12L);

    double wald = SprtErrorGate.expectedSampleSize(P0, 1.0, ALPHA, BETA);
    assertThat(summary.failRate()).isGreaterThanOrEqualTo(1 - upperTolerance(BETA, DEGRADED_RUNS));
    assertThat(summary.meanRequestsToFail()).isBetween(wald / 1.5, wald * 1.5);
  }

  @Test
  void theConditionalGateHoldsAlphaEvenWhenControlsAreNoLargerThanTheWave() {
    Gate gate = new ConditionalSprtErrorGate();

    var summary = SequentialRun.repeat(gate, scenario(P0, 1), policy, NULL_RUNS, 13L);

    assertThat(summary.failRate()).isLessThanOrEqualTo(upperTolerance(ALPHA, NULL_RUNS));
    assertThat(summary.passRate()).isGreaterThan(0.95);
  }

  @Test
  void theConditionalGateCatchesADoublingInAboutItsExpectedTraffic() {
    Gate gate = new ConditionalSprtErrorGate();

    var summary = SequentialRun.repeat(gate, scenario(2 * P0, 1), policy, DEGRADED_RUNS, 14L);

    double wald = ConditionalSprtErrorGate.expectedDeployedRequests(P0, 1.0, 1.0, ALPHA, BETA);
    assertThat(summary.failRate()).isGreaterThanOrEqualTo(1 - upperTolerance(BETA, DEGRADED_RUNS));
    assertThat(summary.meanRequestsToFail()).isBetween(wald / 1.5, wald * 1.5);
  }
}
