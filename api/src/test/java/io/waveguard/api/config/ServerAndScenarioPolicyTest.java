package io.waveguard.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.policy.model.Tier;
import io.waveguard.policy.settings.CorePolicy;
import io.waveguard.simulation.scenario.ScenarioLoader;
import io.waveguard.simulation.scenario.SimulationPolicy;
import org.junit.jupiter.api.Test;

/**
 * The server's default configuration and the paper scenario, which leaves the policy at its
 * defaults, come through the same mapping to the same core parameters: the experiment measures the
 * policy a server runs.
 */
class ServerAndScenarioPolicyTest {

  @Test
  void theServersDefaultsAndThePaperScenarioGiveTheSameCoreParameters() {
    CorePolicy server = new WaveguardConfiguration().corePolicy();
    SimulationPolicy scenario =
        SimulationPolicy.from(new ScenarioLoader().loadResource(ScenarioLoader.PAPER).policy());

    assertThat(scenario.release()).isEqualTo(server.release());
    assertThat(scenario.sequentialRelease()).isEqualTo(server.sequentialRelease());
    assertThat(scenario.gate()).isEqualTo(server.gate());
    assertThat(scenario.trust()).isEqualTo(server.trust());
    assertThat(scenario.fitPrior()).isEqualTo(server.fitPrior());
    assertThat(scenario.plan().tierThresholds()).isEqualTo(server.plan().tierThresholds());
    assertThat(scenario.plan().cumulativeImpactSteps())
        .isEqualTo(server.plan().cumulativeImpactSteps());
    assertThat(scenario.plan().minTargetsPerWave()).isEqualTo(server.plan().minTargetsPerWave());
    assertThat(scenario.plan().tierProbeShare()).isEqualTo(server.plan().tierProbeShare());
    for (Tier tier : Tier.values()) {
      assertThat(scenario.plan().tierWeights().weight(tier))
          .isEqualTo(server.plan().tierWeights().weight(tier));
    }
  }
}
