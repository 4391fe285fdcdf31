package io.waveguard.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.simulation.report.ResultsJson;
import io.waveguard.simulation.scenario.Scenario;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SimulationDeterminismTest {

  private static final Scenario TINY =
      Simulate.load(Path.of("src/test/resources/scenarios/tiny.yaml"));

  @Test
  void sameSeedsGiveTheSameResultsWhateverTheThreadCount() {
    String oneThread = json(new SimulationRunner(1, Progress.NONE));
    String twoThreads = json(new SimulationRunner(2, Progress.NONE));
    String again = json(new SimulationRunner(2, Progress.NONE));

    assertThat(twoThreads).isEqualTo(oneThread);
    assertThat(again).isEqualTo(oneThread);
  }

  @Test
  void differentSeedsGiveDifferentResults() {
    String three = json(new SimulationRunner(2, Progress.NONE));
    Scenario four = TINY.withSeeds(4);
    String other =
        ResultsJson.tree(
                four,
                SimulationReport.of(four, new SimulationRunner(2, Progress.NONE).run(four)).cells())
            .toString();
    assertThat(other).isNotEqualTo(three);
  }

  private static String json(SimulationRunner runner) {
    return ResultsJson.tree(TINY, SimulationReport.of(TINY, runner.run(TINY)).cells()).toString();
  }
}
