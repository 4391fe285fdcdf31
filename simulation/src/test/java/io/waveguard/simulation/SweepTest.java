package io.waveguard.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waveguard.simulation.scenario.Scenario;
import io.waveguard.simulation.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SweepTest {

  private final Scenario tiny =
      new ScenarioLoader().load(Path.of("src/test/resources/scenarios/tiny.yaml"));

  @Test
  void strictnessScalesBakesAndTightensTolerances() {
    Scenario strict = Sweep.at(tiny, 2.0);

    assertThat(strict.policy().bakeSeconds()).isEqualTo(2 * tiny.policy().bakeSeconds());
    assertThat(strict.policy().sequentialGate().minBakeSeconds())
        .isEqualTo(2 * tiny.policy().sequentialGate().minBakeSeconds());
    // Tolerance 1.2 keeps half its excess over 1 at strictness 2.
    assertThat(strict.policy().sequentialGate().tierTolerances().get("finance-critical"))
        .isCloseTo(1.1, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void strictnessOneIsTheScenarioItself() {
    Scenario same = Sweep.at(tiny, 1.0);

    assertThat(same.policy().bakeSeconds()).isEqualTo(tiny.policy().bakeSeconds());
    assertThat(same.policy().sequentialGate().minBakeSeconds())
        .isEqualTo(tiny.policy().sequentialGate().minBakeSeconds());
  }

  @Test
  void strictnessLevelsAreParsedAndCheckedWithTheFlagNamed() {
    assertThat(Simulate.strictnessLevels("0.5, 1,2")).containsExactly(0.5, 1.0, 2.0);
    assertThatThrownBy(() -> Simulate.strictnessLevels("1,fast"))
        .hasMessage("--sweep: 'fast' is not a number");
    assertThatThrownBy(() -> Simulate.strictnessLevels("0")).hasMessageContaining("> 0");
  }
}
