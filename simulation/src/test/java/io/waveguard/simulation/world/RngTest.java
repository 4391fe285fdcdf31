package io.waveguard.simulation.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RngTest {

  @Test
  void sameCoordinatesGiveTheSameStream() {
    assertThat(Rng.at(1, 2, 3).uniform()).isEqualTo(Rng.at(1, 2, 3).uniform());
    assertThat(Rng.at(1, 2, 3).uniform()).isNotEqualTo(Rng.at(1, 3, 2).uniform());
  }

  @Test
  void poissonHasTheRightMeanAndVarianceOnBothAlgorithms() {
    for (double mean : new double[] {0.5, 4, 30, 2_000}) {
      Rng rng = Rng.at(17, (long) mean);
      int n = 40_000;
      double sum = 0;
      double squares = 0;
      for (int i = 0; i < n; i++) {
        long k = rng.poisson(mean);
        sum += k;
        squares += (double) k * k;
      }
      double sampleMean = sum / n;
      double variance = squares / n - sampleMean * sampleMean;
      assertThat(sampleMean).as("mean %s", mean).isCloseTo(mean, within(5 * Math.sqrt(mean / n)));
      assertThat(variance / mean).as("dispersion %s", mean).isCloseTo(1.0, within(0.05));
    }
  }

  @Test
  void gammaAndBetaHaveTheirMeans() {
    Rng rng = Rng.at(5);
    double gamma = 0;
    double beta = 0;
    int n = 40_000;
    for (int i = 0; i < n; i++) {
      gamma += rng.gamma(2.0);
      beta += rng.beta(1, 19);
    }
    assertThat(gamma / n).isCloseTo(2.0, within(0.05));
    assertThat(beta / n).isCloseTo(0.05, within(0.003));
  }

  @Test
  void normalQuantileInvertsTheStandardNormal() {
    assertThat(NormalQuantile.of(0.5)).isCloseTo(0, within(1e-9));
    assertThat(NormalQuantile.of(0.975)).isCloseTo(1.959964, within(1e-6));
    assertThat(NormalQuantile.of(0.001)).isCloseTo(-3.090232, within(1e-6));
  }
}
