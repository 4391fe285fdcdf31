package io.waveguard.api.bench;

import com.fasterxml.jackson.databind.node.TextNode;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import io.dropwizard.util.Duration;
import io.waveguard.api.config.WaveguardConfiguration;
import io.waveguard.api.demo.TemporalChoice;
import io.waveguard.api.embedded.CliTemporalServer;
import io.waveguard.api.embedded.EmbeddedPostgresServer;
import io.waveguard.api.embedded.EmbeddedTemporalServer;
import io.waveguard.api.embedded.LocalTemporal;
import io.waveguard.api.embedded.WaveguardServer;
import io.waveguard.workflows.devserver.TemporalDevServer;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * What the API figures run against: an embedded PostgreSQL, a Temporal server on loopback (the
 * temporal CLI's dev server when it is at hand, else Temporal's Java test server) and Waveguard's
 * {@code server} with its worker in this process, on the configuration's defaults (pools, Jetty
 * threads, worker options) except for the simulated fleet's traffic.
 */
final class BenchStack implements AutoCloseable {

  /**
   * Simulated traffic per unit of target size, as in the demo: a one-second gate period of the
   * smallest target still shows errors at a 0.1 % error rate, so a good release decides at once.
   */
  static final long REQUESTS_PER_TARGET_PER_MINUTE = 600_000;

  private final EmbeddedPostgresServer postgres;
  private final LocalTemporal temporal;
  private final WaveguardServer server;

  private BenchStack(
      EmbeddedPostgresServer postgres, LocalTemporal temporal, WaveguardServer server) {
    this.postgres = postgres;
    this.temporal = temporal;
    this.server = server;
  }

  static BenchStack start(TemporalChoice choice, PrintStream out) throws Exception {
    EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(0);
    LocalTemporal temporal = null;
    try {
      temporal = temporal(choice);
      out.println("api: Temporal is the " + temporal.describe());
      WaveguardServer server = WaveguardServer.start(configuration(postgres, temporal));
      out.println("api: Waveguard API on " + server.baseUri() + ", worker in the same process");
      return new BenchStack(postgres, temporal, server);
    } catch (Exception | Error e) {
      if (temporal != null) {
        temporal.close();
      }
      postgres.close();
      throw e;
    }
  }

  private static LocalTemporal temporal(TemporalChoice choice) {
    Optional<Path> cli = choice.cli(TemporalDevServer::findCli);
    return cli.isPresent()
        ? CliTemporalServer.start(cli.get(), 0, 0)
        : EmbeddedTemporalServer.start(0);
  }

  private static WaveguardConfiguration configuration(
      EmbeddedPostgresServer postgres, LocalTemporal temporal) {
    WaveguardConfiguration config =
        WaveguardConfiguration.embedded(
                postgres.jdbcUrl("postgres"),
                EmbeddedPostgresServer.SUPERUSER,
                "",
                temporal.target())
            .withHttp("127.0.0.1", 0, 0);
    // Both local servers registered the search attributes when they started.
    config.getTemporal().setRegisterSearchAttributes(false);
    config.getTelemetry().setRequestsPerTargetPerMinute(REQUESTS_PER_TARGET_PER_MINUTE);
    config.getWorker().setShutdownTimeout(Duration.seconds(2));
    DefaultLoggingFactory logging = (DefaultLoggingFactory) config.getLoggingFactory();
    logging.setLevel("WARN");
    logging.setLoggers(Map.of("io.temporal", TextNode.valueOf("ERROR")));
    ((LogbackAccessRequestLogFactory)
            ((AbstractServerFactory) config.getServerFactory()).getRequestLogFactory())
        .setAppenders(List.of());
    return config;
  }

  URI api() {
    return server.baseUri().resolve("/api/v1/");
  }

  Jdbi jdbi() {
    return server.jdbi();
  }

  @Override
  public void close() throws Exception {
    try {
      server.close();
    } finally {
      try {
        temporal.close();
      } finally {
        postgres.close();
      }
    }
  }
}
