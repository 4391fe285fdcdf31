package io.waveguard.policy.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TargetHistoryTest {

  private static final double HALF_LIFE = 30;

  @Test
  void anOutcomeOneHalfLifeOldCountsHalf() {
    var history = TargetHistory.fold(List.of(DeploymentOutcome.good(100)), 130, HALF_LIFE);

    assertThat(history.good()).isCloseTo(0.5, within(1e-12));
    assertThat(history.bad()).isZero();
    assertThat(history.asOfEpochDay()).isEqualTo(130);
  }

  @Test
  void foldingStepByStepEqualsSummingEachOutcomeWithItsOwnDecay() {
    Random random = new Random(42L);
    List<DeploymentOutcome> outcomes = new ArrayList<>();
    double day = 1_000;
    for (int i = 0; i < 200; i++) {
      day += random.nextDouble() * 3;
      outcomes.add(new DeploymentOutcome(day, random.nextDouble() < 0.9));
    }
    double now = day + 5;

    var folded = TargetHistory.fold(outcomes, now, HALF_LIFE);

    double good = 0;
    double bad = 0;
    for (DeploymentOutcome o : outcomes) {
      double weight = Math.pow(0.5, (now - o.epochDay()) / HALF_LIFE);
      if (o.good()) {
        good += weight;
      } else {
        bad += weight;
      }
    }
    assertThat(folded.good()).isCloseTo(good, within(1e-9));
    assertThat(folded.bad()).isCloseTo(bad, within(1e-9));
  }

  @Test
  void aRecentIncidentOutweighsAnOldOne() {
    var recentIncident =
        TargetHistory.fold(
            List.of(DeploymentOutcome.good(0), DeploymentOutcome.bad(90)), 90, HALF_LIFE);
    var oldIncident =
        TargetHistory.fold(
            List.of(DeploymentOutcome.bad(0), DeploymentOutcome.good(90)), 90, HALF_LIFE);

    assertThat(recentIncident.bad()).isGreaterThan(oldIncident.bad());
    assertThat(recentIncident.good() / recentIncident.count())
        .isLessThan(oldIncident.good() / oldIncident.count());
  }

  @Test
  void preAggregatedCountsDecayLikeSingleOutcomes() {
    var aggregated = TargetHistory.empty(0).plus(10, 3, 1, HALF_LIFE).decayedTo(40, HALF_LIFE);
    var single =
        TargetHistory.fold(
            List.of(
                DeploymentOutcome.good(10),
                DeploymentOutcome.good(10),
                DeploymentOutcome.good(10),
                DeploymentOutcome.bad(10)),
            40,
            HALF_LIFE);

    assertThat(aggregated.good()).isCloseTo(single.good(), within(1e-12));
    assertThat(aggregated.bad()).isCloseTo(single.bad(), within(1e-12));
  }

  @Test
  void noOutcomesIsNoEvidence() {
    var history = TargetHistory.fold(List.of(), 500, HALF_LIFE);

    assertThat(history.count()).isZero();
    assertThat(history.asOfEpochDay()).isEqualTo(500);
  }

  @Test
  void refusesOutcomesOutOfOrderOrAfterNow() {
    assertThatThrownBy(
            () ->
                TargetHistory.fold(
                    List.of(DeploymentOutcome.good(10), DeploymentOutcome.good(5)), 20, HALF_LIFE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("time-ordered");
    assertThatThrownBy(() -> TargetHistory.fold(List.of(DeploymentOutcome.good(30)), 20, HALF_LIFE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void epochDayOfAnInstantCountsFractionalDays() {
    assertThat(TargetHistory.epochDay(Instant.parse("1970-01-03T12:00:00Z"))).isEqualTo(2.5);
  }
}
