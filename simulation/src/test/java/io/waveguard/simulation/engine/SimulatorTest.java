package io.waveguard.simulation.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Tier;
import io.waveguard.simulation.scenario.Scenario;
import io.waveguard.simulation.scenario.ScenarioLoader;
import io.waveguard.simulation.world.ReleaseCase;
import io.waveguard.simulation.world.SimulatedWorld;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimulatorTest {

  private static final Scenario SCENARIO =
      new ScenarioLoader()
          .parse(
              "name: unit\nfleet: {targets: 200, requestsPerMinute: 200000}\n"
                  + "history: {deployments: 30}\n",
              "unit");
  private static final SimulatedWorld WORLD = new SimulatedWorld(SCENARIO, 3);
  private final Simulator simulator = new Simulator(WORLD);

  private static ReleaseCase first(boolean faulty, double magnitude) {
    return IntStream.range(0, 100)
        .mapToObj(i -> WORLD.release(i, 0.0, magnitude))
        .filter(c -> c.faulty() == faulty)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void rollsBackAGrossFaultBeforeItReachesEveryTarget() {
    ReleaseCase faulty = first(true, 10.0);
    for (SimStrategy strategy :
        new SimStrategy[] {SimStrategy.CANARY, SimStrategy.TRUST_WEIGHTED}) {
      ReleaseOutcome outcome = simulator.run(faulty, strategy);
      assertThat(outcome.status()).as(strategy.wireName()).isEqualTo(ReleaseStatus.ROLLED_BACK);
      assertThat(outcome.detected()).isTrue();
      assertThat(outcome.totalExposure()).isLessThan(1.0);
    }
  }

  @Test
  void allAtOnceExposesTheWholeFleet() {
    ReleaseOutcome outcome = simulator.run(first(true, 10.0), SimStrategy.ALL_AT_ONCE);
    assertThat(outcome.totalExposure()).isEqualTo(1.0);
    assertThat(outcome.highTierExposure()).isEqualTo(1.0);
    assertThat(outcome.safetyTouched()).isTrue();
  }

  @Test
  void trustWeightedEntersHigherTiersOnlyAfterLowerOnes() {
    ReleaseOutcome outcome = simulator.run(first(true, 10.0), SimStrategy.TRUST_WEIGHTED);
    double[] tiers = outcome.tierExposure();
    assertThat(tiers[Tier.LOW.ordinal()]).isPositive();
    assertThat(tiers[Tier.SAFETY_CRITICAL.ordinal()]).isZero();
  }

  @Test
  void goodReleaseCompletesAndTakesVirtualTime() {
    ReleaseCase good = first(false, 1.0);
    DecisionTrace trace = new DecisionTrace();
    ReleaseOutcome outcome = simulator.run(good, SimStrategy.TRUST_WEIGHTED, trace);
    if (outcome.completed()) {
      double minimum = outcome.waves() * WORLD.bakeMinutes();
      assertThat(outcome.finishMinutes()).isGreaterThanOrEqualTo(minimum);
      assertThat(trace.steps()).filteredOn(s -> s.startsWith("replan")).isNotEmpty();
    } else {
      assertThat(outcome.status()).isIn(ReleaseStatus.ROLLED_BACK);
    }
    assertThat(trace.steps().get(trace.steps().size() - 1)).startsWith("finish");
  }

  @Test
  void theOracleFloorIsBelowEveryStrategysExposure() {
    OracleFloor oracle = new OracleFloor(WORLD);
    for (int i = 0; i < 20; i++) {
      ReleaseCase release = WORLD.release(i, 0.0, 1.0);
      OracleFloor.Floor floor = oracle.floor(release);
      if (floor == null) {
        assertThat(release.faulty()).isFalse();
        continue;
      }
      for (SimStrategy strategy : SimStrategy.values()) {
        ReleaseOutcome outcome = simulator.run(release, strategy);
        if (outcome.detected()) {
          assertThat(outcome.totalExposure())
              .as("%s release %d", strategy, i)
              .isGreaterThanOrEqualTo(floor.totalExposure() * 0.999 - 0.05);
        }
      }
    }
  }

  @Test
  void rhoMovesTheFaultTowardTrustedOrUntrustedTargets() {
    // ρ > 0: the affected half leans to high trust, ρ < 0 to low trust (measured on plan trust).
    double positive = affectedTrust(0.9);
    double negative = affectedTrust(-0.9);
    assertThat(positive).isGreaterThan(negative);
  }

  private static double affectedTrust(double rho) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < 40; i++) {
      ReleaseCase release = WORLD.release(i, rho, 1.0);
      for (int t = 0; release.faulty() && t < release.affected().length; t++) {
        if (release.affected()[t]) {
          sum += WORLD.trust().planTrust().get(WORLD.fleet().target(t).id()).lowerBound();
          n++;
        }
      }
    }
    return sum / n;
  }
}
