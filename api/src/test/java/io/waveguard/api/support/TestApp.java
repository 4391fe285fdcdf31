package io.waveguard.api.support;

import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.util.Duration;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.waveguard.activities.db.Database;
import io.waveguard.api.config.WaveguardConfiguration;
import io.waveguard.api.embedded.WaveguardServer;
import org.jdbi.v3.core.Jdbi;

/**
 * The application under test, started once per JVM on random loopback ports with a worker, real
 * PostgreSQL and a real Temporal server, plus the clients tests use to look behind the API.
 */
public final class TestApp {

  private static TestApp instance;

  private final WaveguardServer server;
  private final Api api;
  private final Jdbi jdbi;
  private final WorkflowClient temporal;

  private TestApp() throws Exception {
    TestDependencies deps = TestDependencies.get();
    server = WaveguardServer.start(configuration("waveguard-test", true));
    api = new Api(server.baseUri());
    jdbi = Database.jdbi(deps.postgres().getPostgresDatabase());
    temporal =
        WorkflowClient.newInstance(
            WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(deps.temporalTarget()).build()),
            WorkflowClientOptions.newBuilder().setNamespace("default").build());
  }

  public static synchronized TestApp get() {
    if (instance == null) {
      try {
        instance = new TestApp();
      } catch (Exception e) {
        throw new IllegalStateException("test application did not start", e);
      }
    }
    return instance;
  }

  /** A configuration for this JVM's dependencies, with waits short enough for tests. */
  public static WaveguardConfiguration configuration(String taskQueue, boolean worker) {
    TestDependencies deps = TestDependencies.get();
    WaveguardConfiguration config =
        WaveguardConfiguration.embedded(
                deps.jdbcUrl(), "postgres", "postgres", deps.temporalTarget())
            .withHttp("127.0.0.1", 0, 0);
    config.getTemporal().setTaskQueue(taskQueue);
    config.getTemporal().setQueryTimeout(Duration.seconds(2));
    config.getTemporal().setCommandAcceptTimeout(Duration.seconds(3));
    config.getWorker().setEnabled(worker);
    // Bakes in tests last seconds: enough simulated traffic and latency points in that time for
    // the statistical gate to decide rather than keep sampling.
    config.getTelemetry().setRequestsPerTargetPerMinute(600_000);
    config.getGate().latencyMinSamples = 4;
    config.getWorker().setShutdownTimeout(Duration.seconds(2));
    // A revoked token is refused within a second, so tests need not wait long to see it.
    config.getAuth().setCacheTtl(Duration.seconds(1));
    ((DefaultLoggingFactory) config.getLoggingFactory()).setLevel("WARN");
    return config;
  }

  public Api api() {
    return api;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public WorkflowClient temporal() {
    return temporal;
  }

  public int port() {
    return server.port();
  }

  public int adminPort() {
    return server.adminPort();
  }
}
