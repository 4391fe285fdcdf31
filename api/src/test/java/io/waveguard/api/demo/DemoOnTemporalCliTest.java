package io.waveguard.api.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.waveguard.workflows.devserver.TemporalDevServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code demo --temporal cli}: the demo on the temporal CLI's dev server says so, and prints a Web
 * UI link per release that the Web UI answers for that very workflow.
 */
class DemoOnTemporalCliTest {

  private static final Pattern LINK =
      Pattern.compile(
          "payments-2-4-0 in the Temporal Web UI: (http://127\\.0\\.0\\.1:(\\d+))"
              + "/namespaces/default/workflows/release-payments-2-4-0\\n");

  @Test
  void theDemoOnTheDevServerPrintsAWebUiLinkThatShowsTheRelease() throws Exception {
    assumeTrue(
        TemporalDevServer.findCli().isPresent(),
        "needs the temporal CLI (.ci/run builds it; infra/temporal-dev.sh path too)");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    DemoOptions options =
        new DemoOptions(0, 0, 0, 3, Duration.ofSeconds(60), TemporalChoice.CLI, 0);
    try (DemoRun demo =
        DemoRun.start(options, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
      String out = printed.toString(StandardCharsets.UTF_8);
      assertThat(out).contains("namespace default: temporal CLI dev server (");
      Matcher link = LINK.matcher(out);
      assertThat(link.find()).as("a Web UI link for the good release in:%n%s", out).isTrue();

      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(URI.create(link.group(0).split(": ")[1].trim()))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).containsIgnoringCase("<html");
      // The page's own data call: the Web UI's server finds the release's workflow.
      HttpResponse<String> execution =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          link.group(1)
                              + "/api/v1/namespaces/default/workflows/release-payments-2-4-0"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(execution.statusCode()).isEqualTo(200);
      assertThat(execution.body())
          .contains("release-payments-2-4-0")
          .containsPattern("\"name\":\\s*\"Release\"")
          .contains("WaveguardService");
    }
  }
}
