package io.waveguard.api.embedded;

import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.waveguard.api.temporal.SearchAttributeRegistrar;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Temporal's Java test server as a real gRPC server, on real time (no time skipping), so clients
 * and workers in this or other processes use it like a dev server. Its state lives in memory and
 * ends with it. It listens on every interface: the test server offers no bind address.
 */
public final class EmbeddedTemporalServer implements LocalTemporal {

  /** The only namespace the test server has. */
  public static final String NAMESPACE = "default";

  private final TestServer.PortBoundTestServer server;
  private final int port;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedTemporalServer(TestServer.PortBoundTestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Starts the server and registers Waveguard's search attributes in it.
   *
   * @param port the gRPC port; 0 picks a free one
   */
  public static EmbeddedTemporalServer start(int port) {
    int chosen = port == 0 ? Ports.free() : port;
    // true locks time skipping: timers take as long as they say, like on a real server.
    EmbeddedTemporalServer temporal =
        new EmbeddedTemporalServer(TestServer.createPortBoundServer(chosen, true), chosen);
    try {
      temporal.registerSearchAttributes();
    } catch (RuntimeException e) {
      temporal.close();
      throw e;
    }
    return temporal;
  }

  public int port() {
    return port;
  }

  @Override
  public String target() {
    return "127.0.0.1:" + port;
  }

  private void registerSearchAttributes() {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target()).build());
    try {
      new SearchAttributeRegistrar(stubs, NAMESPACE).start();
    } finally {
      stubs.shutdown();
      stubs.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Override
  public String describe() {
    return "Temporal's Java test server in this process, on real time (no Web UI)";
  }

  @Override
  public Optional<String> webUiLink(String workflowId) {
    return Optional.empty();
  }

  /** Stops the server; every workflow it held is gone. Safe to call more than once. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.close();
    }
  }
}
