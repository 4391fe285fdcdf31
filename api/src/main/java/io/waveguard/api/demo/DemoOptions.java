package io.waveguard.api.demo;

import java.time.Duration;

/**
 * How to run the demo.
 *
 * @param apiPort the REST API's port; 0 picks a free one
 * @param adminPort the admin (health check) port; 0 picks a free one
 * @param temporalPort the embedded Temporal server's gRPC port; 0 picks a free one, and a busy port
 *     is replaced by a free one
 * @param bakeSeconds every wave's minimum bake under the demo's sequential gate (and the fixed bake
 *     of a per-wave release started by hand, as in the banner's example)
 * @param timeout how long {@link DemoRun#awaitOutcome()} waits for the releases to finish
 * @param temporal which Temporal server to run
 * @param webUiPort the Web UI's port when the temporal CLI's dev server runs; 0 picks a free one,
 *     and a busy port is replaced by a free one
 */
public record DemoOptions(
    int apiPort,
    int adminPort,
    int temporalPort,
    long bakeSeconds,
    Duration timeout,
    TemporalChoice temporal,
    int webUiPort) {

  public static final int DEFAULT_API_PORT = 8080;
  public static final int DEFAULT_ADMIN_PORT = 8081;
  public static final int DEFAULT_TEMPORAL_PORT = 7233;
  public static final long DEFAULT_BAKE_SECONDS = 3;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
  public static final int DEFAULT_WEB_UI_PORT = 8233;

  public static DemoOptions defaults() {
    return new DemoOptions(
        DEFAULT_API_PORT,
        DEFAULT_ADMIN_PORT,
        DEFAULT_TEMPORAL_PORT,
        DEFAULT_BAKE_SECONDS,
        DEFAULT_TIMEOUT,
        TemporalChoice.AUTO,
        DEFAULT_WEB_UI_PORT);
  }
}
