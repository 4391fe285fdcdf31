package io.waveguard.api.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The link checker itself: it passes what resolves and names every link that does not. */
class MarkdownLinksTest {

  @TempDir Path root;

  @Test
  void linksToExistingFilesAndHeadingsPass() throws IOException {
    write(
        "README.md", "# Tool\n\nSee [the API](docs/api.md#start-a-release) and [below](#tool).\n");
    write(
        "docs/api.md",
        "# API\n\n## Start a release\n\n[back](../README.md), [charts](evidence/)\n");
    Files.createDirectories(root.resolve("docs/evidence"));

    assertThat(MarkdownLinks.brokenLinks(root, MarkdownLinks.documentationPages(root))).isEmpty();
  }

  @Test
  void aLinkToAMissingFileIsNamedWithItsPageAndLine() throws IOException {
    write("README.md", "# Tool\n\nintro\n\nSee [the API](docs/apy.md).\n");
    write("docs/api.md", "# API\n");

    assertThat(MarkdownLinks.brokenLinks(root, MarkdownLinks.documentationPages(root)))
        .containsExactly("README.md:5: docs/apy.md: no such file docs/apy.md");
  }

  @Test
  void aLinkToAMissingHeadingIsBroken() throws IOException {
    write("README.md", "# Tool\n\n[gates](docs/gates.md#the-sequentail-gate) [self](#nothing)\n");
    write("docs/gates.md", "# Gates\n\n## The sequential gate\n");

    assertThat(MarkdownLinks.brokenLinks(root, MarkdownLinks.documentationPages(root)))
        .containsExactly(
            "README.md:3: docs/gates.md#the-sequentail-gate: no heading with anchor"
                + " #the-sequentail-gate in docs/gates.md",
            "README.md:3: #nothing: no heading with anchor #nothing in README.md");
  }

  @Test
  void brokenLinksOnDocsPagesAndImagesCountToo() throws IOException {
    write("README.md", "# Tool\n\n[api](docs/api.md)\n");
    write("docs/api.md", "# API\n\n![chart](evidence/missing.png)\n[up](../../outside.md)\n");

    assertThat(MarkdownLinks.brokenLinks(root, MarkdownLinks.documentationPages(root)))
        .containsExactly(
            "docs/api.md:3: evidence/missing.png: no such file docs/evidence/missing.png",
            "docs/api.md:4: ../../outside.md: points outside the repository");
  }

  @Test
  void linksInCodeAndAbsoluteLinksAreNotChecked() throws IOException {
    write(
        "README.md",
        "# Tool\n\n```\n[not a link](nowhere.md)\n```\n\n`[code](nowhere.md)`"
            + " [web](https://example.com/x.md) [mail](mailto:a@b.c)\n");

    assertThat(MarkdownLinks.brokenLinks(root, MarkdownLinks.documentationPages(root))).isEmpty();
  }

  @Test
  void aDocsPageTheReadmeDoesNotLinkIsReported() throws IOException {
    write("README.md", "# Tool\n\n[api](docs/api.md#api)\n");
    write("docs/api.md", "# API\n");
    write("docs/orphan.md", "# Orphan\n");

    assertThat(
            MarkdownLinks.notLinkedFrom(root.resolve("README.md"), MarkdownLinks.docsPages(root)))
        .containsExactly(root.resolve("docs/orphan.md"));
  }

  @Test
  void anchorsFollowGitHub() {
    assertThat(MarkdownLinks.anchorOf("A release's flow")).isEqualTo("a-releases-flow");
    assertThat(MarkdownLinks.anchorOf("Trust, risk and waves")).isEqualTo("trust-risk-and-waves");
    assertThat(MarkdownLinks.anchorOf("The per-wave gate (`gateMode: per-wave`)"))
        .isEqualTo("the-per-wave-gate-gatemode-per-wave");
    assertThat(MarkdownLinks.anchorOf("Against the targets (paper.yaml, ρ ≥ 0)"))
        .isEqualTo("against-the-targets-paperyaml-ρ--0");
    assertThat(MarkdownLinks.anchorOf("See [Evidence](evidence.md)")).isEqualTo("see-evidence");
    assertThat(MarkdownLinks.anchors("# Notes\n\n## Notes\n\nSetext\n---\n\n```\n# not one\n```\n"))
        .containsExactly("notes", "notes-1", "setext");
  }

  private void write(String path, String text) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
