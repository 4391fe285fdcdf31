package io.waveguard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.DefaultConfigurationFactoryFactory;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.waveguard.activities.telemetry.prometheus.PrometheusSettings;
import io.waveguard.activities.trust.TrustSettings;
import io.waveguard.api.config.DeployerConfiguration;
import io.waveguard.api.config.TelemetryConfiguration;
import io.waveguard.api.config.WaveguardConfiguration;
import io.waveguard.api.dto.GateMode;
import io.waveguard.policy.gate.GateParameters;
import io.waveguard.policy.model.SequentialGatePolicy;
import io.waveguard.policy.model.Tier;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped example configuration parses, validates and documents the defaults. */
class WaveguardConfigurationTest {

  // The factory the server itself uses: it refuses unknown fields, as a typo deserves.
  private final ConfigurationFactory<WaveguardConfiguration> factory =
      new DefaultConfigurationFactoryFactory<WaveguardConfiguration>()
          .create(
              WaveguardConfiguration.class,
              Validators.newValidator(),
              Jackson.newObjectMapper(),
              "dw");

  private WaveguardConfiguration load(String path) throws Exception {
    return factory.build(
        new SubstitutingSourceProvider(
            new FileConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)),
        path);
  }

  @Test
  void exampleConfigurationLoadsWithItsDefaults() throws Exception {
    WaveguardConfiguration config = load(exampleConfig());

    assertThat(config.getTemporal().getTarget()).isNotBlank();
    assertThat(config.getTemporal().getNamespace()).isEqualTo("default");
    assertThat(config.getTemporal().getTaskQueue()).isEqualTo("waveguard-releases");
    assertThat(config.getTemporal().isRegisterSearchAttributes()).isTrue();
    assertThat(config.getDeployer().getType()).isEqualTo(DeployerConfiguration.Type.SIMULATED);
    assertThat(config.getTelemetry().getSource())
        .isEqualTo(TelemetryConfiguration.Source.SIMULATED);
    assertThat(config.getWorker().isEnabled()).isTrue();
    assertThat(config.getWorker().isStickyExecution()).isTrue();
    assertThat(config.getTelemetry().getRequestsPerTargetPerMinute()).isEqualTo(600);
    assertThat(config.getLimits().getMaxRequestBody().toBytes()).isEqualTo(1024 * 1024);
    assertThat(config.getDatabase().getUrl()).startsWith("jdbc:postgresql://");
  }

  @Test
  void exampleTrustGateAndPrometheusSectionsEqualThePolicyCoreDefaults() throws Exception {
    WaveguardConfiguration config = load(exampleConfig());

    TrustSettings trust = config.getTrust().toSettings();
    TrustSettings defaults = TrustSettings.defaults();
    assertThat(trust.model()).isEqualTo(defaults.model());
    assertThat(trust.planning().tierThresholds()).isEqualTo(defaults.planning().tierThresholds());
    assertThat(trust.planning().tierWeights().weight(Tier.SAFETY_CRITICAL)).isEqualTo(30.0);
    assertThat(trust.planning().cumulativeImpactSteps())
        .isEqualTo(defaults.planning().cumulativeImpactSteps());
    assertThat(trust.attribution()).isEqualTo(defaults.attribution());
    assertThat(trust.healthWindow()).isEqualTo(defaults.healthWindow());
    assertThat(trust.baselineWindow()).isEqualTo(defaults.baselineWindow());
    assertThat(config.getGate().toParameters()).isEqualTo(GateParameters.defaults());
    assertThat(config.getGate().mode).isEqualTo(GateMode.SEQUENTIAL);
    assertThat(config.getGate().toSequentialGatePolicy())
        .isEqualTo(SequentialGatePolicy.defaults());
    PrometheusSettings prometheus = config.getTelemetry().getPrometheus().toSettings();
    assertThat(prometheus)
        .isEqualTo(PrometheusSettings.defaults(URI.create("http://127.0.0.1:9090")));
  }

  @Test
  void aThresholdOutOfRangeIsRejectedByName(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("trust.yml");
    Files.writeString(file, "trust:\n  tiers:\n    standard: {weight: 3, threshold: 1.5}\n");
    WaveguardConfiguration config = load(file.toString());

    assertThatThrownBy(() -> config.getTrust().toSettings())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threshold of STANDARD");
  }

  @Test
  void sequentialGateSettingsAndPerWaveModeAreRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("gate.yml");
    Files.writeString(
        file,
        """
        gate:
          mode: per-wave
          sequential:
            alpha: 0.02
            tierTolerances: {finance-critical: 1.25}
            periodSeconds: 30
        """);
    WaveguardConfiguration config = load(file.toString());

    SequentialGatePolicy gate = config.getGate().toSequentialGatePolicy();
    assertThat(config.getGate().mode).isEqualTo(GateMode.PER_WAVE);
    assertThat(gate.alpha()).isEqualTo(0.02);
    assertThat(gate.tolerances().financeCritical()).isEqualTo(1.25);
    assertThat(gate.tolerances().standard()).isEqualTo(1.5);
    assertThat(gate.periodSeconds()).isEqualTo(30);
    assertThat(gate.minBakeSeconds()).isEqualTo(180);
  }

  @Test
  void inconsistentSequentialGateStopsTheServerWithTheReason(@TempDir Path dir) throws Exception {
    Path timings = dir.resolve("timings.yml");
    Files.writeString(timings, "gate:\n  sequential: {periodSeconds: 600, minBakeSeconds: 300}\n");
    Path shares = dir.resolve("shares.yml");
    Files.writeString(shares, "gate:\n  sequential: {errorsShare: 0.9}\n");
    Path tolerance = dir.resolve("tolerance.yml");
    Files.writeString(tolerance, "gate:\n  sequential: {tierTolerances: {standard: 0.9}}\n");

    assertThatThrownBy(() -> load(timings.toString()))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("gate.sequential")
        .hasMessageContaining("periodSeconds <= minBakeSeconds <= maxBakeSeconds");
    assertThatThrownBy(() -> load(shares.toString()))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("shares must sum to 1");
    assertThatThrownBy(() -> load(tolerance.toString()))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("gate.sequential.tierTolerances.standard");
  }

  @Test
  void unknownGateModeOrTierIsRejected(@TempDir Path dir) throws Exception {
    Path mode = dir.resolve("mode.yml");
    Files.writeString(mode, "gate:\n  mode: ratio\n");
    Path tier = dir.resolve("tier.yml");
    Files.writeString(tier, "gate:\n  sequential: {tierTolerances: {gold: 1.5}}\n");

    assertThatThrownBy(() -> load(mode.toString())).hasMessageContaining("gate.mode");
    assertThatThrownBy(() -> load(tier.toString())).hasMessageContaining("gold");
  }

  @Test
  void webhookDeployerWithoutUrlIsRejected(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("webhook.yml");
    Files.writeString(file, "deployer:\n  type: webhook\n");

    assertThatThrownBy(() -> load(file.toString()))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("url is required when type is webhook");
  }

  @Test
  void tlsCertificateWithoutKeyIsRejected(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tls.yml");
    Files.writeString(file, "temporal:\n  tlsCertPath: /etc/waveguard/client.pem\n");

    assertThatThrownBy(() -> load(file.toString()))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("tlsCertPath and tlsKeyPath must be set together");
  }

  private static String exampleConfig() {
    // Surefire runs in the module directory.
    File file = new File("config/waveguard.yml");
    assertThat(file).exists();
    return file.getPath();
  }
}
