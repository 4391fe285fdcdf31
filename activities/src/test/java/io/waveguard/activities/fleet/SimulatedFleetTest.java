package io.waveguard.activities.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimulatedFleetTest {

  @Test
  void sameSeedGivesTheSameFleetAndAnotherSeedAnother() {
    assertThat(SimulatedFleet.generate("pay", 200, 7))
        .isEqualTo(SimulatedFleet.generate("pay", 200, 7))
        .isNotEqualTo(SimulatedFleet.generate("pay", 200, 8));
  }

  @Test
  void tiersFollowTheFortyFortyFifteenFiveMix() {
    Map<Tier, Long> perTier = tierCounts(SimulatedFleet.generate("pay", 1_000, 1));

    assertThat(perTier)
        .containsEntry(Tier.LOW, 400L)
        .containsEntry(Tier.STANDARD, 400L)
        .containsEntry(Tier.FINANCE_CRITICAL, 150L)
        .containsEntry(Tier.SAFETY_CRITICAL, 50L);
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 5, 7, 10, 19})
  void smallFleetsStillHaveEveryTier(int count) {
    List<Target> fleet = SimulatedFleet.generate("pay", count, 3);

    assertThat(fleet).hasSize(count);
    assertThat(tierCounts(fleet).keySet()).containsExactlyInAnyOrder(Tier.values());
  }

  @Test
  void targetsAreWellFormedAndSizesHeavyTailed() {
    List<Target> fleet = SimulatedFleet.generate("pay", 1_000, 11);

    assertThat(fleet).extracting(Target::id).doesNotHaveDuplicates().startsWith("pay-cell-0001");
    assertThat(fleet)
        .allSatisfy(
            target -> {
              assertThat(target.service()).isEqualTo("pay");
              assertThat(target.segment()).isIn("eu", "us", "ap");
              assertThat(target.labels()).containsEntry("region", target.segment());
              assertThat(target.size()).isPositive();
            });
    double[] sizes = fleet.stream().mapToDouble(Target::size).sorted().toArray();
    double median = sizes[sizes.length / 2];
    assertThat(sizes[sizes.length - 1]).isGreaterThan(5 * median);
    assertThat(Arrays.stream(sizes).average().orElseThrow()).isGreaterThan(median);
  }

  @Test
  void emptyFleetIsEmpty() {
    assertThat(SimulatedFleet.generate("pay", 0, 1)).isEmpty();
  }

  private static Map<Tier, Long> tierCounts(List<Target> fleet) {
    return fleet.stream().collect(Collectors.groupingBy(Target::tier, Collectors.counting()));
  }
}
