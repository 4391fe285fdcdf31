package io.waveguard.policy.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrustParametersTest {

  @Test
  void defaultsAreTheDocumentedValues() {
    var d = TrustParameters.defaults();

    assertThat(d.halfLifeDays()).isEqualTo(30);
    assertThat(d.priorAlpha()).isEqualTo(2);
    assertThat(d.priorBeta()).isEqualTo(2);
    assertThat(d.evidenceScale()).isEqualTo(4);
    assertThat(d.healthWeight()).isEqualTo(0.4);
    assertThat(d.credibleQuantile()).isEqualTo(0.05);
    assertThat(d.health()).isEqualTo(HealthSlo.defaults());
  }

  @Test
  void fittingRecoversTheFleetsBetaPrior() {
    // 2,000 targets, reliability θ ~ Beta(8, 2) (mean 0.8, strength 10), 20 deployments each.
    Random random = new Random(1234L);
    List<double[]> fleet = new ArrayList<>();
    for (int t = 0; t < 2_000; t++) {
      double theta = betaWithIntegerShapes(random, 8, 2);
      int good = 0;
      for (int i = 0; i < 20; i++) {
        good += random.nextDouble() < theta ? 1 : 0;
      }
      fleet.add(new double[] {good, 20 - good});
    }

    var fitted = TrustParameters.fitPrior(fleet);

    double strength = fitted.priorAlpha() + fitted.priorBeta();
    assertThat(fitted.priorMean()).isCloseTo(0.8, within(0.01));
    // Without removing the binomial noise of 20 trials the fit would give about 6.
    assertThat(strength).isCloseTo(10, within(2.0));
    assertThat(fitted.evidenceScale()).isEqualTo(strength);
  }

  @Test
  void thinFleetEvidenceKeepsTheDefaultPrior() {
    List<double[]> fewTargets = List.of(new double[] {9, 1}, new double[] {5, 5});
    List<double[]> noOutcomes = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      noOutcomes.add(new double[] {0, 0});
    }

    assertThat(TrustParameters.fitPrior(fewTargets)).isEqualTo(TrustParameters.defaults());
    assertThat(TrustParameters.fitPrior(noOutcomes)).isEqualTo(TrustParameters.defaults());
  }

  @Test
  void aFleetThatNeverFailsKeepsTheDefaultPrior() {
    List<double[]> perfect = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      perfect.add(new double[] {10, 0});
    }

    assertThat(TrustParameters.fitPrior(perfect)).isEqualTo(TrustParameters.defaults());
  }

  @Test
  void aHomogeneousFleetGetsAStrongButCappedPrior() {
    List<double[]> identical = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      identical.add(new double[] {900, 100});
    }

    var fitted = TrustParameters.fitPrior(identical);

    assertThat(fitted.priorAlpha() + fitted.priorBeta())
        .isEqualTo(FleetPriorEstimator.MAX_STRENGTH);
    assertThat(fitted.priorMean()).isCloseTo(0.9, within(1e-12));
  }

  @Test
  void rejectsParametersOutsideTheirRange() {
    var slo = HealthSlo.defaults();
    assertThatThrownBy(() -> new TrustParameters(0, 2, 2, 4, 0.4, 2, 0.05, slo))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TrustParameters(30, 2, 2, 4, 1.0, 2, 0.05, slo))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TrustParameters(30, 2, 2, 4, 0.4, 2, 0, slo))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TrustParameters(30, 2, 2, 4, 0.4, 2, 0.05, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TrustParameters.fitPrior(List.of(new double[] {1})))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Beta(a, b) for integer shapes: the a-th smallest of a + b − 1 uniforms. */
  private static double betaWithIntegerShapes(Random random, int a, int b) {
    double[] u = new double[a + b - 1];
    for (int i = 0; i < u.length; i++) {
      u[i] = random.nextDouble();
    }
    Arrays.sort(u);
    return u[a - 1];
  }
}
