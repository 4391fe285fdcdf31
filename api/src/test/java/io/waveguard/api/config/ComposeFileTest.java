package io.waveguard.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * infra/docker-compose.yml configures Waveguard only through variables api/config/waveguard.yml
 * reads: a variable the file does not read would be set and silently ignored.
 */
class ComposeFileTest {

  private static final Pattern COMPOSE_VARIABLE =
      Pattern.compile("^\\s+((?:WAVEGUARD|TEMPORAL)_[A-Z_]+):", Pattern.MULTILINE);
  private static final Pattern CONFIG_VARIABLE = Pattern.compile("\\$\\{([A-Z_]+):-");

  @Test
  void everyWaveguardVariableTheComposeFileSetsIsOneTheConfigurationReads() throws IOException {
    Path root = repositoryRoot();
    Set<String> compose = matches(COMPOSE_VARIABLE, root.resolve("infra/docker-compose.yml"));
    Set<String> config = matches(CONFIG_VARIABLE, root.resolve("api/config/waveguard.yml"));

    // Temporal's own containers take TEMPORAL_ADDRESS and TEMPORAL_CORS_ORIGINS too.
    compose.remove("TEMPORAL_CORS_ORIGINS");
    assertThat(compose).contains("WAVEGUARD_DB_URL", "TEMPORAL_ADDRESS");
    assertThat(config).containsAll(compose);
  }

  private static Set<String> matches(Pattern pattern, Path file) throws IOException {
    Set<String> found = new TreeSet<>();
    Matcher matcher = pattern.matcher(Files.readString(file));
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("the repository root (the folder with mvnw)").isNotNull();
    return dir;
  }
}
