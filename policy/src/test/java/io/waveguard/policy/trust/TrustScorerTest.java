package io.waveguard.policy.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrustScorerTest {

  private static final double NOW = 20_000;

  private final TrustParameters parameters = TrustParameters.defaults();
  private final TrustScorer scorer = new TrustScorer(parameters);

  private static TargetHistory goodOutcomes(int count) {
    List<DeploymentOutcome> outcomes = new ArrayList<>();
    for (int i = count; i > 0; i--) {
      outcomes.add(DeploymentOutcome.good(NOW - i));
    }
    return TargetHistory.fold(outcomes, NOW, 30);
  }

  private static HealthIndicators health(double errorRate) {
    return new HealthIndicators(errorRate, 0.002, 120, 120, 0, 1.0, 10_000);
  }

  @Test
  void aTargetWithoutEvidenceSitsOnTheFleetPriorWithAWideBound() {
    var trust = scorer.score(TargetHistory.empty(NOW));

    assertThat(trust.mean()).isEqualTo(0.5);
    assertThat(trust.evidence()).isZero();
    // 5 % quantile of the Beta(2, 2) prior (scipy: 0.13535036217158378).
    assertThat(trust.lowerBound()).isCloseTo(0.13535036217158378, within(1e-9));
    assertThat(trust.health()).isNull();
  }

  @Test
  void thinHistoryIsShrunkTowardThePrior() {
    var one = scorer.score(TargetHistory.empty(NOW).plus(NOW, 1, 0, 30));

    // (2 + 1) / (4 + 1): one good deployment is far from proof.
    assertThat(one.mean()).isCloseTo(0.6, within(1e-12));
    assertThat(one.historyMean()).isCloseTo(0.6, within(1e-12));
    assertThat(one.lowerBound()).isLessThan(0.3);
  }

  @Test
  void moreGoodDeploymentsRaiseTrustAndItsLowerBound() {
    double previousMean = 0;
    double previousBound = 0;
    for (int n : new int[] {0, 1, 3, 10, 30, 100}) {
      var trust = scorer.score(goodOutcomes(n));
      assertThat(trust.mean()).isGreaterThan(previousMean);
      assertThat(trust.lowerBound()).isGreaterThan(previousBound);
      previousMean = trust.mean();
      previousBound = trust.lowerBound();
    }
    assertThat(previousBound).isGreaterThan(0.85);
  }

  @Test
  void aCurrentlyBrokenTargetLosesTrustHoweverLongItsGoodRecord() {
    var history = goodOutcomes(100);
    var quiet = scorer.score(history);

    var broken = scorer.score(history, health(0.02)); // ten times its baseline: health 0

    assertThat(broken.health()).isZero();
    assertThat(quiet.mean()).isGreaterThan(0.9);
    assertThat(broken.mean()).isLessThan(0.65);
    assertThat(broken.lowerBound()).isLessThan(quiet.lowerBound() - 0.3);
  }

  @Test
  void missingTelemetryCountsAsNoEvidenceNotAsHealthy() {
    var history = goodOutcomes(5);

    var withoutTelemetry = scorer.score(history);
    var withEmptyTelemetry = scorer.score(history, HealthIndicators.noData());
    var withHealthyTelemetry = scorer.score(history, health(0.002));

    assertThat(withEmptyTelemetry.mean()).isEqualTo(withoutTelemetry.mean());
    assertThat(withEmptyTelemetry.lowerBound()).isEqualTo(withoutTelemetry.lowerBound());
    assertThat(withEmptyTelemetry.health()).isNull();
    assertThat(withHealthyTelemetry.lowerBound()).isGreaterThan(withEmptyTelemetry.lowerBound());
  }

  @Test
  void healthyTelemetryAloneMovesANewTargetButDoesNotVouchForIt() {
    var trust = scorer.score(TargetHistory.empty(NOW), health(0.002));

    // Posterior Beta(2 + 2·1, 2 + 2·0): a reading is worth two outcomes.
    assertThat(trust.mean()).isCloseTo(4.0 / 6, within(1e-12));
    assertThat(trust.lowerBound()).isCloseTo(0.3425916819988613, within(1e-9)); // scipy
  }

  @Test
  void anOldIncidentFadesWhileARecentOneWeighs() {
    List<DeploymentOutcome> outcomes = new ArrayList<>();
    outcomes.add(DeploymentOutcome.bad(NOW - 300));
    for (int i = 10; i > 0; i--) {
      outcomes.add(DeploymentOutcome.good(NOW - i));
    }
    var oldIncident = scorer.score(TargetHistory.fold(outcomes, NOW, 30));
    outcomes.add(DeploymentOutcome.bad(NOW));
    var recentIncident = scorer.score(TargetHistory.fold(outcomes, NOW, 30));

    assertThat(oldIncident.mean()).isGreaterThan(0.8);
    assertThat(recentIncident.mean()).isLessThan(oldIncident.mean() - 0.04);
  }

  @Test
  void theSnapshotCarriesEveryInputAndIsReproducible() {
    var history = goodOutcomes(7);
    var indicators = health(0.003);

    var first = scorer.score(history, indicators);
    var second = new TrustScorer(TrustParameters.defaults()).score(history, indicators);

    assertThat(first.history()).isEqualTo(history);
    assertThat(first.healthInputs()).isEqualTo(indicators);
    assertThat(first.parameters()).isEqualTo(parameters);
    assertThat(second).isEqualTo(first);
    assertThat(first.mean())
        .isCloseTo(
            first.posteriorAlpha() / (first.posteriorAlpha() + first.posteriorBeta()),
            within(1e-15));
  }

  @Test
  void theLowerBoundStaysBelowTheMeanAndInsideTheUnitInterval() {
    Random random = new Random(99L);
    for (int i = 0; i < 500; i++) {
      var history = new TargetHistory(random.nextDouble() * 200, random.nextDouble() * 20, NOW);
      var indicators =
          random.nextBoolean()
              ? null
              : new HealthIndicators(
                  random.nextDouble() * 0.05,
                  random.nextDouble() * 0.01,
                  100 + random.nextDouble() * 300,
                  150,
                  random.nextDouble() * 0.02,
                  0.98 + random.nextDouble() * 0.02,
                  random.nextInt(5_000));
      var trust = scorer.score(history, indicators);
      assertThat(trust.lowerBound()).isBetween(0.0, trust.mean());
      assertThat(trust.mean()).isBetween(0.0, 1.0);
    }
  }

  @Test
  void aZeroHealthWeightIgnoresTelemetry() {
    var noHealth =
        new TrustScorer(new TrustParameters(30, 2, 2, 4, 0.0, 2, 0.05, HealthSlo.defaults()));
    var history = goodOutcomes(5);

    var trust = noHealth.score(history, health(0.5));

    assertThat(trust.health()).isNull();
    assertThat(trust.mean()).isEqualTo(noHealth.score(history).mean());
  }

  @Test
  void aLowerEvidenceScaleLetsATargetsOwnRecordCountSooner() {
    var history = goodOutcomes(3);

    var weakPrior = new TrustScorer(parameters.withEvidenceScale(1)).score(history);

    assertThat(weakPrior.mean()).isGreaterThan(scorer.score(history).mean());
  }
}
