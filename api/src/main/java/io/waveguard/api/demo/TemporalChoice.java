package io.waveguard.api.demo;

import java.util.Arrays;
import java.util.Locale;
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
