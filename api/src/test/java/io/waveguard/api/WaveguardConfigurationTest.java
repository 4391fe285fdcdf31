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
import java.io.File;
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
