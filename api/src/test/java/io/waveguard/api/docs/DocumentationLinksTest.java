package io.waveguard.api.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README is the front door and {@code docs/} holds the reference: every relative link between
 * them resolves to a file and a heading, every page of {@code docs/} can be reached from the
 * README, and the README's test command is the one CI runs.
 */
class DocumentationLinksTest {

  private final Path root = repositoryRoot();

  @Test
  void everyRelativeLinkPointsToAFileAndHeadingThatExist() {
    List<Path> pages = MarkdownLinks.documentationPages(root);

    assertThat(pages).contains(root.resolve("README.md"), root.resolve("docs/architecture.md"));
    assertThat(MarkdownLinks.brokenLinks(root, pages)).isEmpty();
  }

  @Test
  void everyDocsPageIsLinkedFromTheReadme() {
    List<Path> pages = MarkdownLinks.docsPages(root);

    assertThat(pages).isNotEmpty();
    assertThat(MarkdownLinks.notLinkedFrom(root.resolve("README.md"), pages))
        .map(page -> root.relativize(page).toString())
        .as("pages of docs/ the README does not link")
        .isEmpty();
  }

  @Test
  void theReadmeShowsTheTestCommandCiRuns() throws IOException {
    List<String> ci = Files.readAllLines(root.resolve(".ci/run"));
    int marker = ci.indexOf("# The README's test command.");
    assertThat(marker).as(".ci/run marks the README's test command").isNotNegative();
    String command = ci.get(marker + 1).strip();

    assertThat(Files.readAllLines(root.resolve("README.md")))
        .as("a README line that runs %s", command)
        .anyMatch(line -> line.replaceFirst("\\s+#.*$", "").strip().equals(command));
  }

  /** The checkout's top: the nearest directory up from here that holds the Maven wrapper. */
  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("mvnw"))
          && Files.isRegularFile(dir.resolve("README.md"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "no directory above " + Path.of("").toAbsolutePath() + " holds mvnw");
  }
}
