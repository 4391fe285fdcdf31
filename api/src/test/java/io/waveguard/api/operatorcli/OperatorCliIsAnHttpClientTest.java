package io.waveguard.api.operatorcli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The operator CLI knows the server only through HTTP and JSON: it imports none of Waveguard's
 * other packages, so it keeps working against a server of another version and never reaches around
 * the API.
 */
class OperatorCliIsAnHttpClientTest {

  @Test
  void importsNoOtherWaveguardPackage() throws IOException {
    List<String> imports;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/waveguard/api/operatorcli"))) {
      imports =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .flatMap(OperatorCliIsAnHttpClientTest::lines)
              .filter(line -> line.startsWith("import io.waveguard."))
              .filter(line -> !line.startsWith("import io.waveguard.api.operatorcli."))
              .toList();
    }

    assertThat(imports).isEmpty();
  }

  private static Stream<String> lines(Path file) {
    try {
      return Files.readAllLines(file).stream();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
