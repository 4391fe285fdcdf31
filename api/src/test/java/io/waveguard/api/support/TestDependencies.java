package io.waveguard.api.support;

import io.temporal.testserver.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Real dependencies for integration tests, started once per JVM: an embedded PostgreSQL and
 * Temporal's test server listening on a loopback gRPC port, as the demo runs them.
 */
public final class TestDependencies {

  private static TestDependencies instance;

  private final EmbeddedPostgres postgres;
  private final TestServer.PortBoundTestServer temporal;
  private final int temporalPort;

  private TestDependencies() throws IOException {
    postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
    temporalPort = freePort();
    // Locked time skipping: the server runs on real time, like a dev server.
    temporal = TestServer.createPortBoundServer(temporalPort, true);
  }

  public static synchronized TestDependencies get() {
    if (instance == null) {
      try {
        instance = new TestDependencies();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "test-dependencies"));
    }
    return instance;
  }

  public String jdbcUrl() {
    return jdbcUrl("postgres");
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:%d/%s".formatted(postgres.getPort(), database);
  }

  public EmbeddedPostgres postgres() {
    return postgres;
  }

  public String temporalTarget() {
    return "127.0.0.1:" + temporalPort;
  }

  private void close() {
    temporal.close();
    try {
      postgres.close();
    } catch (IOException ignored) {
      // The JVM is exiting.
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
