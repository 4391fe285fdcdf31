package io.waveguard.policy.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.Strategy;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WavePlannersTest {

  private static final ReleasePolicy POLICY = ReleasePolicy.defaults();

  private static List<Target> fleet(int count) {
    List<Target> targets = new ArrayList<>();
    Tier[] tiers = Tier.values();
    for (int i = 0; i < count; i++) {
      Tier tier = tiers[(i * 7) % tiers.length];
      targets.add(new Target("t-%04d".formatted(i), "svc", "eu", tier, 1 + (i % 13), Map.of()));
    }
    return targets;
  }

  private static List<Target> flatten(List<PlannedWave> waves) {
    return waves.stream().flatMap(w -> w.targets().stream()).toList();
  }

  @ParameterizedTest
  @EnumSource(Strategy.class)
  void everyStrategyPlacesEveryTargetExactlyOnceAndDeterministically(Strategy strategy) {
    List<Target> targets = fleet(333);
    WavePlanner planner = WavePlanners.forStrategy(strategy);

    List<PlannedWave> plan = planner.plan(42L, targets, POLICY);

    assertThat(flatten(plan)).containsExactlyInAnyOrderElementsOf(targets);
    assertThat(planner.plan(42L, targets, POLICY)).isEqualTo(plan);
    assertThat(plan)
        .extracting(PlannedWave::index)
        .containsExactlyElementsOf(
            java.util.stream.IntStream.rangeClosed(1, plan.size()).boxed().toList());
    assertThat(plan).allSatisfy(w -> assertThat(w.reason()).isNotBlank());
  }

  @Test
  void tierOrderedPlanningNeverEntersAHigherTierBeforeTheLowerOnesAreDone() {
    List<PlannedWave> plan = new TierOrderedPlanner().plan(1L, fleet(400), POLICY);

    Tier highestSoFar = Tier.LOW;
    for (PlannedWave wave : plan) {
      assertThat(wave.targets())
          .extracting(Target::tier)
          .containsOnly(wave.targets().get(0).tier());
      assertThat(wave.targets().get(0).tier()).isGreaterThanOrEqualTo(highestSoFar);
      highestSoFar = wave.targets().get(0).tier();
    }
    assertThat(plan.get(plan.size() - 1).summary().highestTier()).isEqualTo(Tier.SAFETY_CRITICAL);
  }

  @Test
  void canaryWavesReachTheDefaultPercentages() {
    List<PlannedWave> plan = new CanaryPlanner().plan(9L, fleet(200), POLICY);

    List<Integer> cumulative = new ArrayList<>();
    int sum = 0;
    for (PlannedWave wave : plan) {
      sum += wave.targets().size();
      cumulative.add(sum);
    }
    assertThat(cumulative).containsExactly(2, 10, 50, 100, 200);
  }

  @Test
  void growingWavesStartWithOneBox() {
    List<PlannedWave> plan = new GrowingWavesPlanner().plan(0L, fleet(50), POLICY);

    assertThat(plan.get(0).targets()).hasSize(1);
    assertThat(plan.get(1).targets()).hasSize(3);
  }

  @Test
  void allAtOnceIsOneWave() {
    assertThat(new AllAtOncePlanner().plan(0L, fleet(10), POLICY)).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Strategy.class)
  void theWaveCountCheckedAtTheDoorBoundsThePlan(Strategy strategy) {
    for (int count : new int[] {1, 7, 120, 2_000}) {
      for (double growth : new double[] {1.0, 1.3, 3.0}) {
        ReleasePolicy policy = new ReleasePolicy(600, 2, 5.0, growth, 1_000, List.of(), null, null);
        int planned = WavePlanners.forStrategy(strategy).plan(7, fleet(count), policy).size();
        int bound =
            WavePlanners.maxWaveCount(strategy, count, policy, TrustPlanParameters.defaults());

        assertThat(planned)
            .as("%s, %d targets, growth %s", strategy, count, growth)
            .isLessThanOrEqualTo(bound);
        if (strategy != Strategy.TRUST_WEIGHTED) {
          assertThat(planned).isEqualTo(bound);
        }
      }
    }
  }
}
