package io.waveguard.policy.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BetaDistributionTest {

  // Reference quantiles from scipy 1.17.1, scipy.stats.beta.ppf(p, a, b). The Beta(2, 2) and
  // Beta(10, 2) rows also follow from closed forms: CDF 3x² − 2x³ and 11x¹⁰ − 10x¹¹.
  @ParameterizedTest(name = "Beta({1}, {2}) quantile {0} = {3}")
  @CsvSource({
    "0.05, 2, 2, 0.13535036217158378",
    "0.5, 10, 2, 0.8520365745693936",
    "0.05, 0.5, 0.5, 0.0061558297024311365",
    "0.05, 50, 5, 0.8384554233647601",
    "0.05, 2, 30, 0.011585315861443594",
    "0.05, 200, 3, 0.9691624621678357",
    "0.9, 3.7, 1.2, 0.9557125408906251",
    "0.05, 4, 2, 0.3425916819988613",
    "0.05, 10000, 10, 0.9984314161332385",
    "0.05, 3000, 3000, 0.4893832700619041",
    "0.5, 0.3, 0.7, 0.15877468697850153"
  })
  void quantileMatchesReferenceValues(double p, double a, double b, double expected) {
    assertThat(BetaDistribution.quantile(p, a, b)).isCloseTo(expected, within(1e-9));
  }

  @Test
  void uniformQuantileIsTheIdentity() {
    for (double q : new double[] {0.001, 0.05, 0.3, 0.5, 0.77, 0.999}) {
      assertThat(BetaDistribution.quantile(q, 1, 1)).isCloseTo(q, within(1e-12));
    }
  }

  // Reference values from scipy.special.betainc(a, b, x).
  @ParameterizedTest(name = "I_{0}({1}, {2}) = {3}")
  @CsvSource({
    "0.3, 2, 5, 0.5798250000000003",
    "0.9, 10, 2, 0.6973568802000002",
    "0.5, 0.5, 0.5, 0.5",
    "0.2, 100, 300, 0.00799453086687934",
    "0.1, 2, 5, 0.11426500000000002"
  })
  void cdfMatchesReferenceValues(double x, double a, double b, double expected) {
    assertThat(BetaDistribution.cdf(x, a, b)).isCloseTo(expected, within(1e-12));
  }

  @Test
  void cdfMatchesTheClosedFormOfBetaTwoTwo() {
    for (double x = 0.01; x < 1; x += 0.07) {
      assertThat(BetaDistribution.cdf(x, 2, 2)).isCloseTo(3 * x * x - 2 * x * x * x, within(1e-13));
    }
  }

  @Test
  void quantileIsTheDoubleWhereTheCdfCrossesP() {
    Random random = new Random(20240611L);
    for (int i = 0; i < 300; i++) {
      double a = Math.exp(random.nextDouble() * 12 - 4); // 0.02 … 3000
      double b = Math.exp(random.nextDouble() * 12 - 4);
      double p = 0.001 + 0.998 * random.nextDouble();
      double x = BetaDistribution.quantile(p, a, b);
      // The smallest double whose CDF reaches p. Near 1 with tiny b, one step of a double moves
      // the CDF by more than 1e-9, so "cdf(x) ≈ p" alone would ask for precision that cannot
      // exist; near 0 the quantile can be 1e-100 and must still be found.
      assertThat(BetaDistribution.cdf(Math.nextDown(x), a, b))
          .as("a=%s b=%s p=%s", a, b, p)
          .isLessThan(p * (1 + 1e-9));
      assertThat(BetaDistribution.cdf(x, a, b))
          .as("a=%s b=%s p=%s", a, b, p)
          .isGreaterThanOrEqualTo(p * (1 - 1e-9));
    }
  }

  /**
   * The Newton-guided search returns the very double plain bisection over the bit patterns does
   * (the algorithm before it): trust scores, plans and the recorded experiment stay the same.
   */
  @Test
  void quantileIsBitForBitWhatBisectionFinds() {
    Random random = new Random(20261201L);
    for (int i = 0; i < 3000; i++) {
      double a = Math.exp(random.nextDouble() * 14 - 4); // 0.02 … 22,000
      double b = Math.exp(random.nextDouble() * 14 - 4);
      double p = i % 3 == 0 ? 0.05 : i % 3 == 1 ? 0.1 : 0.001 + 0.998 * random.nextDouble();
      assertThat(BetaDistribution.quantile(p, a, b))
          .as("a=%s b=%s p=%s", a, b, p)
          .isEqualTo(bisection(p, a, b));
    }
  }

  private static double bisection(double p, double a, double b) {
    long lo = Double.doubleToRawLongBits(0.0);
    long hi = Double.doubleToRawLongBits(1.0);
    while (hi - lo > 1) {
      long mid = lo + (hi - lo) / 2;
      if (BetaDistribution.cdf(Double.longBitsToDouble(mid), a, b) < p) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return Double.longBitsToDouble(hi);
  }

  @Test
  void quantileInvertsTheCdfForTheShapesTrustProduces() {
    Random random = new Random(20240612L);
    for (int i = 0; i < 300; i++) {
      double a = 0.5 + 500 * random.nextDouble();
      double b = 0.5 + 500 * random.nextDouble();
      double p = 0.001 + 0.998 * random.nextDouble();
      double x = BetaDistribution.quantile(p, a, b);
      assertThat(BetaDistribution.cdf(x, a, b))
          .as("a=%s b=%s p=%s", a, b, p)
          .isCloseTo(p, within(1e-10));
    }
  }

  @Test
  void cdfObeysTheReflectionSymmetry() {
    Random random = new Random(7L);
    for (int i = 0; i < 200; i++) {
      double a = 0.1 + 50 * random.nextDouble();
      double b = 0.1 + 50 * random.nextDouble();
      double x = random.nextDouble();
      assertThat(BetaDistribution.cdf(x, a, b) + BetaDistribution.cdf(1 - x, b, a))
          .isCloseTo(1, within(1e-12));
    }
  }

  // Reference values from scipy.special.gammaln.
  @ParameterizedTest(name = "lnΓ({0}) = {1}")
  @CsvSource({
    "0.001, 6.907178885383853",
    "0.1, 2.252712651734206",
    "0.5, 0.5723649429247",
    "1, 0",
    "10, 12.801827480081469",
    "100.5, 361.43554046777757"
  })
  void logGammaMatchesReferenceValues(double x, double expected) {
    assertThat(BetaDistribution.logGamma(x)).isCloseTo(expected, within(1e-12 * (1 + expected)));
  }

  @Test
  void logGammaOfIntegersIsTheLogFactorial() {
    long factorial = 1;
    for (int n = 1; n <= 20; n++) {
      factorial *= n;
      assertThat(BetaDistribution.logGamma(n + 1.0))
          .isCloseTo(Math.log(factorial), within(1e-12 * Math.log(factorial) + 1e-14));
    }
  }

  @Test
  void rejectsShapesThatAreNotPositive() {
    assertThatThrownBy(() -> BetaDistribution.quantile(0.5, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BetaDistribution.cdf(0.5, 1, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BetaDistribution.quantile(1.5, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
