package io.waveguard.simulation.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioLoaderTest {

  private final ScenarioLoader loader = new ScenarioLoader();

  @Test
  void loadsTheShippedPaperScenario() {
    Scenario paper = loader.load(Path.of("scenarios/paper.yaml"));

    assertThat(paper.name()).isEqualTo("paper");
    assertThat(paper.fleet().targets()).isEqualTo(1000);
    assertThat(paper.fleet().tierMix())
        .containsEntry("low", 0.40)
        .containsEntry("standard", 0.40)
        .containsEntry("finance-critical", 0.15)
        .containsEntry("safety-critical", 0.05);
    assertThat(paper.faultMagnitudes()).containsExactly(0.1, 0.25, 0.5, 1.0, 10.0);
    assertThat(paper.rhos()).containsExactly(-0.5, 0.0, 0.5);
    assertThat(paper.strategies()).contains("canary-sequential").hasSize(7);
    assertThat(loader.loadResource(ScenarioLoader.PAPER)).isEqualTo(paper);
  }

  @Test
  void everyShippedScenarioLoads() throws Exception {
    try (var files = java.nio.file.Files.list(Path.of("scenarios"))) {
      List<Path> scenarios = files.filter(f -> f.toString().endsWith(".yaml")).toList();
      assertThat(scenarios).hasSizeGreaterThanOrEqualTo(5);
      for (Path file : scenarios) {
        assertThat(loader.load(file).name()).as(file.toString()).isNotBlank();
      }
    }
  }

  @Test
  void fillsLeftOutFieldsFromTheDefaultsAndMergesMaps() {
    Scenario s = loader.parse("name: small\nfleet: {targets: 50}\n", "test");

    assertThat(s.fleet().targets()).isEqualTo(50);
    assertThat(s.fleet().requestsPerMinute()).isEqualTo(500_000);
    assertThat(s.policy().gate().alpha()).isEqualTo(0.01);
    assertThat(s.seeds()).isEqualTo(20);
  }

  @Test
  void namesAnUnknownFieldWithItsPath() {
    assertThatThrownBy(() -> loader.parse("fleet: {targetz: 10}\n", "bad.yaml"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("bad.yaml")
        .hasMessageContaining("'fleet.targetz'")
        .hasMessageContaining("unknown field");
  }

  @Test
  void namesAFieldOfTheWrongType() {
    assertThatThrownBy(() -> loader.parse("history: {deployments: many}\n", "bad.yaml"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("'history.deployments'");
  }

  @Test
  void rejectsATierMixThatDoesNotSumToOne() {
    assertThatThrownBy(
            () -> loader.parse("fleet: {tierMix: {low: 0.5, standard: 0.3}}\n", "bad.yaml"))
        .hasMessageContaining("'fleet.tierMix'")
        .hasMessageContaining("sum to 1");
  }

  @Test
  void rejectsUnknownTiersAndStrategies() {
    assertThatThrownBy(() -> loader.parse("fault: {tiers: [platinum]}\n", "x"))
        .hasMessageContaining("'fault.tiers[0]'")
        .hasMessageContaining("unknown tier 'platinum'");
    assertThatThrownBy(() -> loader.parse("strategies: [canary, yolo]\n", "x"))
        .hasMessageContaining("'strategies[1]'")
        .hasMessageContaining("unknown strategy 'yolo'");
  }

  @Test
  void rejectsOutOfRangeNumbers() {
    assertThatThrownBy(() -> loader.parse("rhos: [0.2, 1.5]\n", "x"))
        .hasMessageContaining("'rhos[1]'");
    assertThatThrownBy(() -> loader.parse("seeds: 0\n", "x")).hasMessageContaining("'seeds'");
    assertThatThrownBy(() -> loader.parse("faultyFraction: 1.2\n", "x"))
        .hasMessageContaining("'faultyFraction'");
  }

  @Test
  void letsThePolicyCoreJudgeItsOwnParametersUnderTheYamlPath() {
    assertThatThrownBy(() -> loader.parse("policy: {gate: {alpha: 0.7}}\n", "x"))
        .hasMessageContaining("'policy.gate'")
        .hasMessageContaining("alpha");
    assertThatThrownBy(
            () -> loader.parse("policy: {plan: {cumulativeImpactSteps: [0.5, 0.2, 1.0]}}\n", "x"))
        .hasMessageContaining("'policy.plan'");
  }

  @Test
  void rejectsFaultyReleasesThatWouldDoNothing() {
    assertThatThrownBy(() -> loader.parse("faultMagnitudes: [0]\n", "x"))
        .hasMessageContaining("'faultMagnitudes'");
  }

  @Test
  void rejectsTextThatIsNotAScenario() {
    assertThatThrownBy(() -> loader.parse("- just\n- a list\n", "x"))
        .hasMessageContaining("top level");
    assertThatThrownBy(() -> loader.parse("fleet: {targets: [unclosed\n", "x"))
        .hasMessageContaining("not valid YAML");
  }
}
