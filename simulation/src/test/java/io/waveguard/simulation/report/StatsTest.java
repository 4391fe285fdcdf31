package io.waveguard.simulation.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.waveguard.simulation.world.Rng;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void wilsonMatchesPublishedValues() {
    // Reference values: Newcombe (1998), Table I, and the closed form for 0 events.
    Estimate half = Stats.wilson(5, 10);
    assertThat(half.low()).isCloseTo(0.2366, within(1e-4));
    assertThat(half.high()).isCloseTo(0.7634, within(1e-4));
    Estimate none = Stats.wilson(0, 10);
    assertThat(none.value()).isZero();
    assertThat(none.low()).isZero();
    assertThat(none.high()).isCloseTo(0.2775, within(1e-4));
    Estimate rare = Stats.wilson(1, 29);
    assertThat(rare.low()).isCloseTo(0.0061, within(1e-4));
    assertThat(rare.high()).isCloseTo(0.1718, within(1e-4));
    assertThat(Stats.wilson(0, 0).defined()).isFalse();
  }

  @Test
  void quantileInterpolatesBetweenOrderStatistics() {
    double[] values = {4, 1, 3, 2};
    assertThat(Stats.quantile(values, 0.5)).isEqualTo(2.5);
    assertThat(Stats.quantile(values, 0.9)).isCloseTo(3.7, within(1e-12));
    assertThat(Stats.quantile(new double[0], 0.5)).isNaN();
  }

  @Test
  void bootstrapOfTheMeanMatchesTheNormalTheoryInterval() {
    // 40 seeds × 10 standard-normal values: the mean's 95 % interval is about ±1.96/√400.
    double[][] bySeed = new double[40][10];
    Rng rng = Rng.at(99);
    for (double[] seed : bySeed) {
      for (int i = 0; i < seed.length; i++) {
        seed[i] = rng.gaussian();
      }
    }
    Estimate e = Stats.clusteredMean(bySeed, 1);
    double half = 1.96 / Math.sqrt(400);
    assertThat(e.high() - e.value()).isCloseTo(half, within(0.3 * half));
    assertThat(e.value() - e.low()).isCloseTo(half, within(0.3 * half));
  }

  @Test
  void bootstrapOfAConstantIsThatConstant() {
    double[][] bySeed = {{3, 3}, {3}, {3, 3, 3}};
    assertThat(Stats.clusteredMean(bySeed, 7)).isEqualTo(new Estimate(3, 3, 3));
    assertThat(Stats.clusteredQuantile(bySeed, 0.5, 7)).isEqualTo(new Estimate(3, 3, 3));
  }

  @Test
  void pairedRatioOfIdenticalSamplesIsExactlyOne() {
    double[][] a = {{1, 2}, {3}, {4, 5, 6}};
    assertThat(Stats.pairedRatio(a, a, 3)).isEqualTo(new Estimate(1, 1, 1));
    assertThat(Stats.pairedRatio(a, new double[][] {{0}, {0}, {0}}, 3).defined()).isFalse();
  }

  @Test
  void sameBootstrapSeedGivesTheSameInterval() {
    double[][] bySeed = {{1, 5}, {2}, {7, 1, 0}, {4}};
    assertThat(Stats.clusteredMean(bySeed, 11)).isEqualTo(Stats.clusteredMean(bySeed, 11));
  }

  @Test
  void rateIntervalIsWilsonAtZeroEventsAndWidensForHeterogeneousSeeds() {
    double[][] none = {{0, 0, 0}, {0, 0}, {0, 0, 0, 0, 0}};
    assertThat(Stats.rate(none, 1)).isEqualTo(Stats.wilson(0, 10));

    // Two fleets fail every time, eight never: pooled 20 %, but seeds disagree far more than
    // binomial noise, so the interval must be wider than Wilson's on 100 independent releases.
    double[][] clustered = new double[10][10];
    clustered[0] = new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    clustered[1] = clustered[0].clone();
    Estimate rate = Stats.rate(clustered, 1);
    Estimate wilson = Stats.wilson(20, 100);
    assertThat(rate.value()).isEqualTo(0.2);
    assertThat(rate.high() - rate.low()).isGreaterThan(wilson.high() - wilson.low());
  }
}
