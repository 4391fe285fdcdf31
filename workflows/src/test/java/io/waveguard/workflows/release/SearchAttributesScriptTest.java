package io.waveguard.workflows.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.SearchAttributeKey;
import io.waveguard.workflows.devserver.TemporalDevServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** infra/temporal-dev.sh registers exactly the search attributes a release sets. */
class SearchAttributesScriptTest {

  private static final Pattern ENTRY = Pattern.compile("^\\s+(Waveguard\\w+)=(\\w+)\\s*$");

  @Test
  void theDevServerScriptRegistersEveryReleaseSearchAttributeWithItsType() throws IOException {
    Map<String, String> script = new LinkedHashMap<>();
    for (String line : Files.readAllLines(repositoryRoot().resolve("infra/temporal-dev.sh"))) {
      Matcher entry = ENTRY.matcher(line);
      if (entry.matches()) {
        script.put(entry.group(1), entry.group(2));
      }
    }

    Map<String, String> code = new LinkedHashMap<>();
    for (SearchAttributeKey<?> key : ReleaseSearchAttributes.ALL) {
      code.put(key.getName(), TemporalDevServer.cliType(key));
    }
    assertThat(script).isEqualTo(code);
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
