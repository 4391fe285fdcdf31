package io.waveguard.policy.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.waveguard.policy.trust.HealthScore.Indicator;
import org.junit.jupiter.api.Test;

class HealthScoreTest {

  private final HealthSlo slo = HealthSlo.defaults();

  private static HealthIndicators healthy() {
    return new HealthIndicators(0.002, 0.002, 120, 120, 0, 1.0, 50_000);
  }

  @Test
  void aTargetAtItsBaselineIsFullyHealthy() {
    var score = HealthScore.of(healthy(), slo).orElseThrow();

    assertThat(score.value()).isEqualTo(1.0);
    assertThat(score.components()).hasSize(4);
  }

  @Test
  void noSamplesIsNoHealthEvidenceNeverHealthy() {
    assertThat(HealthScore.of(HealthIndicators.noData(), slo)).isEmpty();
    assertThat(HealthScore.of(null, slo)).isEmpty();
    var thin = new HealthIndicators(0, 0.002, 100, 120, 0, 1.0, slo.minSamples() - 1);
    assertThat(HealthScore.of(thin, slo)).isEmpty();
  }

  @Test
  void oneFailingIndicatorZeroesHealthHoweverGoodTheOthers() {
    var crashing = new HealthIndicators(0.002, 0.002, 120, 120, 0.02, 1.0, 50_000);

    var score = HealthScore.of(crashing, slo).orElseThrow();

    assertThat(score.value()).isZero();
    assertThat(score.component(Indicator.CRASH_RATE).orElseThrow().score()).isZero();
  }

  @Test
  void oneHalfHealthyIndicatorAmongPerfectOnesGivesTheWeightedGeometricMean() {
    // Error rate at twice the baseline: halfway to the 3x threshold.
    var degraded = new HealthIndicators(0.004, 0.002, 120, 120, 0, 1.0, 50_000);

    var score = HealthScore.of(degraded, slo).orElseThrow();

    assertThat(score.component(Indicator.ERROR_RATE).orElseThrow().score())
        .isCloseTo(0.5, within(1e-12));
    assertThat(score.value()).isCloseTo(Math.pow(0.5, 0.25), within(1e-12));
    // Lower than the arithmetic mean would say (0.875): the bad indicator drags harder.
    assertThat(score.value()).isLessThan(0.875);
  }

  @Test
  void errorsBelowTheFloorCountAsBaselineNoise() {
    var spotlessBaseline = new HealthIndicators(0.0005, 0.0, 120, 120, 0, 1.0, 50_000);

    assertThat(HealthScore.of(spotlessBaseline, slo).orElseThrow().value()).isEqualTo(1.0);
  }

  @Test
  void latencyWithoutABaselineIsLeftOutRatherThanGuessed() {
    var noLatency = new HealthIndicators(0.002, 0.002, 0, 0, 0, 1.0, 50_000);

    var score = HealthScore.of(noLatency, slo).orElseThrow();

    assertThat(score.component(Indicator.LATENCY_P99)).isEmpty();
    assertThat(score.components()).hasSize(3);
  }

  @Test
  void slowerLatencyAndLowerAvailabilityLowerHealthMonotonically() {
    double previous = 1.1;
    for (double factor = 1.0; factor <= 2.0; factor += 0.1) {
      var indicators =
          new HealthIndicators(0.002, 0.002, 120 * factor, 120, 0, 1 - 0.009 * (factor - 1), 1000);
      double value = HealthScore.of(indicators, slo).orElseThrow().value();
      assertThat(value).isLessThan(previous);
      previous = value;
    }
  }

  @Test
  void zeroWeightIgnoresAnIndicator() {
    var noCrashWeight = new HealthSlo(3.0, 0.001, 2.0, 0.01, 0.99, 100, 1, 1, 0, 1);
    var crashing = new HealthIndicators(0.002, 0.002, 120, 120, 0.5, 1.0, 50_000);

    var score = HealthScore.of(crashing, noCrashWeight).orElseThrow();

    assertThat(score.value()).isEqualTo(1.0);
    assertThat(score.component(Indicator.CRASH_RATE)).isEmpty();
  }
}
