package io.waveguard.simulatedfleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import io.waveguard.simulation.world.SimulatedFleet;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FleetTargetsTest {

  @Test
  void sameSeedGivesTheSameFleetAndAnotherSeedAnother() {
    assertThat(FleetTargets.generate("pay", 200, 7))
        .isEqualTo(FleetTargets.generate("pay", 200, 7))
        .isNotEqualTo(FleetTargets.generate("pay", 200, 8));
  }

  @Test
  void tiersFollowTheFortyFortyFifteenFiveMix() {
    assertThat(tierCounts(FleetTargets.generate("pay", 1_000, 1)))
        .containsEntry(Tier.LOW, 400L)
        .containsEntry(Tier.STANDARD, 400L)
        .containsEntry(Tier.FINANCE_CRITICAL, 150L)
        .containsEntry(Tier.SAFETY_CRITICAL, 50L);
  }

  @Test
  void smallFleetsGetExactTierCountsByLargestRemainder() {
    // 50 × (0.40, 0.40, 0.15, 0.05) = 20, 20, 7.5, 2.5: the first half target goes to the
    // higher remainder in tier order.
    assertThat(tierCounts(FleetTargets.generate("pay", 50, 3)))
        .containsEntry(Tier.LOW, 20L)
        .containsEntry(Tier.STANDARD, 20L)
        .containsEntry(Tier.FINANCE_CRITICAL, 8L)
        .containsEntry(Tier.SAFETY_CRITICAL, 2L);
  }

  @Test
  void targetsAreTheSimulationsFleetNamedForTheService() {
    List<Target> fleet = FleetTargets.generate("pay", 300, 5);
    SimulatedFleet world = FleetTargets.world("pay", 300, 5);

    for (int i = 0; i < fleet.size(); i++) {
      Target simulated = world.target(i);
      assertThat(fleet.get(i).tier()).isEqualTo(simulated.tier());
      assertThat(fleet.get(i).labels()).isEqualTo(simulated.labels());
      assertThat(fleet.get(i).size()).isCloseTo(simulated.size() * 300, within(0.001));
    }
  }

  @Test
  void targetsAreWellFormedAndSizesHeavyTailed() {
    List<Target> fleet = FleetTargets.generate("pay", 1_000, 11);

    assertThat(fleet).extracting(Target::id).doesNotHaveDuplicates().startsWith("pay-cell-0001");
    assertThat(fleet)
        .allSatisfy(
            target -> {
              assertThat(target.service()).isEqualTo("pay");
              assertThat(target.segment()).isIn("eu", "us", "apac");
              assertThat(target.labels()).containsEntry("region", target.segment());
              assertThat(target.size()).isPositive();
            });
    double[] sizes = fleet.stream().mapToDouble(Target::size).sorted().toArray();
    double median = sizes[sizes.length / 2];
    assertThat(sizes[sizes.length - 1]).isGreaterThan(5 * median);
    assertThat(Arrays.stream(sizes).average().orElseThrow())
        .isGreaterThan(median)
        .isCloseTo(1.0, within(0.01));
  }

  @Test
  void emptyFleetIsEmpty() {
    assertThat(FleetTargets.generate("pay", 0, 1)).isEmpty();
  }

  private static Map<Tier, Long> tierCounts(List<Target> fleet) {
    return fleet.stream().collect(Collectors.groupingBy(Target::tier, Collectors.counting()));
  }
}
