package io.waveguard.activities.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.activities.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A plan's re-plans are stored with the plan, once per (release, next wave). */
class PlanDaoTest {

  private PlanDao plans;

  @BeforeEach
  void freshDatabase() {
    plans = TestDatabase.migrated().onDemand(PlanDao.class);
  }

  @Test
  void firstReplanOfAWaveStandsAndARetryStoresNothing() {
    ReplanRow first = new ReplanRow("r1", 2, 3, 0.91, null, "moved 3 by fresh trust");
    ReplanRow retry = new ReplanRow("r1", 2, 0, 0.5, "cohort trust too low", "retried");

    assertThat(plans.insertReplan(first)).isEqualTo(1);
    assertThat(plans.insertReplan(retry)).isZero();

    assertThat(plans.replan("r1", 2)).contains(first);
  }

  @Test
  void replanIsKeptPerWaveAndRelease() {
    ReplanRow held = new ReplanRow("r1", 3, 0, 0.4, "cohort trust too low", "held");
    plans.insertReplan(held);

    assertThat(plans.replan("r1", 3)).contains(held);
    assertThat(plans.replan("r1", 2)).isEmpty();
    assertThat(plans.replan("r2", 3)).isEmpty();
  }
}
