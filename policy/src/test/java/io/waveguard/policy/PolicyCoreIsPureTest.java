package io.waveguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The policy core decides and never does: its sources import no engine and no I/O, and read no
 * clock or unseeded randomness, so every decision depends on its inputs alone and replays the same.
 * (The module's enforcer rule keeps the libraries off its classpath; this says it in words.)
 */
class PolicyCoreIsPureTest {

  private static final Path SOURCES = Path.of("src/main/java");

  /** Imports a decision may not depend on. */
  private static final Pattern FORBIDDEN_IMPORT =
      Pattern.compile(
          "^import (static )?(io\\.temporal|io\\.grpc|org\\.jdbi|org\\.postgresql|io\\.dropwizard"
              + "|jakarta\\.ws|org\\.eclipse\\.jetty|io\\.opentelemetry|java\\.sql|java\\.net"
              + "|java\\.io|java\\.nio|java\\.net\\.http)\\.",
          Pattern.MULTILINE);

  /** Reading the wall clock or unseeded randomness makes a decision unrepeatable. */
  private static final Pattern CLOCK_OR_CHANCE =
      Pattern.compile(
          "System\\.currentTimeMillis|System\\.nanoTime|\\b(Instant|LocalDate|LocalDateTime"
              + "|ZonedDateTime|OffsetDateTime|Clock)\\.(now|system)|Math\\.random"
              + "|ThreadLocalRandom|new Random\\(\\)|new SecureRandom");

  @Test
  void noSourceOfThePolicyCoreImportsAnEngineOrIo() {
    assertThat(sources())
        .isNotEmpty()
        .allSatisfy(
            file ->
                assertThat(FORBIDDEN_IMPORT.matcher(read(file)).find())
                    .as("%s imports an engine or I/O", file)
                    .isFalse());
  }

  @Test
  void noSourceOfThePolicyCoreReadsAClockOrUnseededRandomness() {
    assertThat(sources())
        .allSatisfy(
            file ->
                assertThat(CLOCK_OR_CHANCE.matcher(read(file)).find())
                    .as("%s reads a clock or unseeded randomness", file)
                    .isFalse());
  }

  @Test
  void theCheckRecognisesWhatItForbids() {
    assertThat(FORBIDDEN_IMPORT.matcher("import io.temporal.workflow.Workflow;").find()).isTrue();
    assertThat(FORBIDDEN_IMPORT.matcher("import org.jdbi.v3.core.Jdbi;").find()).isTrue();
    assertThat(FORBIDDEN_IMPORT.matcher("import java.util.List;").find()).isFalse();
    assertThat(CLOCK_OR_CHANCE.matcher("long t = System.currentTimeMillis();").find()).isTrue();
    assertThat(CLOCK_OR_CHANCE.matcher("Instant at = Instant.now();").find()).isTrue();
    assertThat(CLOCK_OR_CHANCE.matcher("new Random(seed)").find()).isFalse();
  }

  private static List<Path> sources() {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      return files.filter(f -> f.toString().endsWith(".java")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
