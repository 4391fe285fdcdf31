package io.waveguard.api.embedded;

import io.waveguard.workflows.devserver.TemporalDevServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The temporal CLI's dev server ({@code temporal server start-dev}) with its Web UI, as a {@link
 * LocalTemporal}: a real Temporal server, so auditors' views (history, search attributes,
 * summaries) are there to look at. Its SQLite file lives in a temporary folder and goes with it.
 */
public final class CliTemporalServer implements LocalTemporal {

  private final TemporalDevServer server;
  private final Path binary;
  private final AtomicBoolean closed = new AtomicBoolean();

  private CliTemporalServer(TemporalDevServer server, Path binary) {
    this.server = server;
    this.binary = binary;
  }

  /**
   * @param port the gRPC port; 0 picks a free one
   * @param uiPort the Web UI's port; 0 picks a free one
   */
  public static CliTemporalServer start(Path binary, int port, int uiPort) {
    try {
      return new CliTemporalServer(TemporalDevServer.start(binary, port, uiPort), binary);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + binary + " server start-dev", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the Temporal dev server", e);
    }
  }

  @Override
  public String target() {
    return server.target();
  }

  @Override
  public String describe() {
    return "temporal CLI dev server (%s), Web UI %s"
        .formatted(binary, server.webUi().orElse("off"));
  }

  @Override
  public Optional<String> webUiLink(String workflowId) {
    return server.webUiLink(workflowId);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        server.close();
      } catch (Exception e) {
        throw new IllegalStateException("the Temporal dev server did not stop cleanly", e);
      }
    }
  }
}
