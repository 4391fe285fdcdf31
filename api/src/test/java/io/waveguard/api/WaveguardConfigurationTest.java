package io.waveguard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.waveguard.activities.telemetry.prometheus.PrometheusSettings;
import io.waveguard.activities.trust.TrustSettings;
import io.waveguard.workflows.model.Tier;
import io.waveguard.workflows.policy.gate.GateParameters;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped example configuration parses, validates and documents the defaults. */
class WaveguardConfigurationTest {

  private final YamlConfigurationFactory<WaveguardConfiguration> factory =
      new YamlConfigurationFactory<>(
          WaveguardConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

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
