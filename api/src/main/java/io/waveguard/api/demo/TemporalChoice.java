package io.waveguard.api.demo;

import io.waveguard.workflows.devserver.TemporalDevServer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Which Temporal server the demo runs ({@code --temporal}). */
public enum TemporalChoice {
  /**
   * The temporal CLI's dev server, with its Web UI, when the CLI is on the PATH or {@code
   * WAVEGUARD_TEMPORAL_CLI} names it; otherwise Temporal's Java test server.
   */
  AUTO,
  /** Temporal's Java test server in the demo's own process: nothing to install, no Web UI. */
  EMBEDDED,
  /**
   * The temporal CLI's dev server; the demo fails to start without the CLI (looked for also where
   * infra/temporal-dev.sh and .ci/run build it).
   */
  CLI;

  /**
   * The temporal CLI this choice runs, or empty for Temporal's Java test server.
   *
   * @param whenAuto what {@link #AUTO} takes: the demo only a CLI on the PATH, the bench one found
   *     anywhere
   * @throws IllegalStateException for {@link #CLI} when no CLI is found
   */
  public Optional<Path> cli(Supplier<Optional<Path>> whenAuto) {
    return switch (this) {
      case EMBEDDED -> Optional.empty();
      case AUTO -> whenAuto.get();
      case CLI ->
          Optional.of(
              TemporalDevServer.findCli()
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              "--temporal cli: no temporal CLI found (PATH,"
                                  + " WAVEGUARD_TEMPORAL_CLI, ~/.cache/waveguard/bin,"
                                  + " ~/go/bin); `infra/temporal-dev.sh path` builds it"
                                  + " where Go is present")));
    };
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The choice a {@code --temporal} value names. */
  public static TemporalChoice parse(String value) {
    for (TemporalChoice choice : values()) {
      if (choice.wireName().equals(value)) {
        return choice;
      }
    }
    throw new IllegalArgumentException(
        "--temporal must be one of "
            + Arrays.stream(values()).map(TemporalChoice::wireName).collect(Collectors.joining("|"))
            + ", not '"
            + value
            + "'");
  }
}
