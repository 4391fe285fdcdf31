package io.waveguard.api.embedded;

import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.waveguard.api.config.WaveguardConfiguration;
import io.waveguard.api.core.DryRuns;
import io.waveguard.api.core.OperatorCommands;
import io.waveguard.api.core.ReleaseService;
import io.waveguard.api.wiring.WaveguardWiring;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import net.sourceforge.argparse4j.inf.Namespace;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs the {@code server} command on a configuration built in code instead of a YAML file: the way
 * embedded runs (the demo, tests) start the same {@link WaveguardWiring} a deployment runs.
 *
 * <pre>{@code
 * WaveguardConfiguration config =
 *     WaveguardConfiguration.embedded(jdbcUrl, "postgres", "", "127.0.0.1:7233")
 *         .withHttp("127.0.0.1", 8080, 8081);
 * try (WaveguardServer server = WaveguardServer.start(config)) { ... }
 * }</pre>
 */
public final class WaveguardServer implements AutoCloseable {

  private final Server jetty;
  private final WaveguardWiring wiring;

  private WaveguardServer(Server jetty, WaveguardWiring wiring) {
    this.jetty = jetty;
    this.wiring = wiring;
  }

  /** The server command's application: the wiring, and nothing from the command line. */
  private static final class EmbeddedApplication extends Application<WaveguardConfiguration> {
    private final AtomicReference<WaveguardWiring> wired = new AtomicReference<>();

    @Override
    public String getName() {
      return "waveguard";
    }

    @Override
    public void run(WaveguardConfiguration config, Environment environment) {
      wired.set(WaveguardWiring.install(config, environment));
    }
  }

  /** Validates the configuration, migrates the database, starts API, worker and admin port. */
  public static WaveguardServer start(WaveguardConfiguration config) throws Exception {
    EmbeddedApplication application = new EmbeddedApplication();
    AtomicReference<Server> started = new AtomicReference<>();
    Bootstrap<WaveguardConfiguration> bootstrap =
        new Bootstrap<>(application) {
          @Override
          public void run(WaveguardConfiguration configuration, Environment environment)
              throws Exception {
            environment.lifecycle().addServerLifecycleListener(started::set);
            super.run(configuration, environment);
          }
        };
    application.initialize(bootstrap);
    bootstrap.setConfigurationFactoryFactory(
        (klass, validator, objectMapper, prefix) -> new GivenConfiguration(config, validator));
    new ServerCommand<>(application).run(bootstrap, new Namespace(Map.of()));
    Server server = started.get();
    if (server == null || !server.isStarted()) {
      throw new IllegalStateException("Waveguard did not start; see the log");
    }
    return new WaveguardServer(server, application.wired.get());
  }

  /** The API's port (the first application connector). */
  public int port() {
    return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
  }

  /** The admin port: health checks at /healthcheck. */
  public int adminPort() {
    Connector[] connectors = jetty.getConnectors();
    return ((ServerConnector) connectors[connectors.length - 1]).getLocalPort();
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** The release service behind the REST API: embedded runs start releases exactly as it does. */
  public ReleaseService releases() {
    return wiring.releases();
  }

  /** Operator commands as the REST API applies them (audited, through Temporal updates). */
  public OperatorCommands operatorCommands() {
    return wiring.operatorCommands();
  }

  /** Dry runs as POST /api/v1/plans answers them. */
  public DryRuns dryRuns() {
    return wiring.dryRuns();
  }

  /** The application's database handle, with Waveguard's plugins and mappers installed. */
  public Jdbi jdbi() {
    return wiring.jdbi();
  }

  @Override
  public void close() throws Exception {
    jetty.stop();
  }

  /** Hands Dropwizard the configuration object after validating it like a parsed file. */
  private record GivenConfiguration(WaveguardConfiguration config, Validator validator)
      implements ConfigurationFactory<WaveguardConfiguration> {

    @Override
    public WaveguardConfiguration build(ConfigurationSourceProvider provider, String path)
        throws ConfigurationValidationException {
      return build();
    }

    @Override
    public WaveguardConfiguration build() throws ConfigurationValidationException {
      Set<ConstraintViolation<WaveguardConfiguration>> violations = validator.validate(config);
      if (!violations.isEmpty()) {
        throw new ConfigurationValidationException("configuration", violations);
      }
      return config;
    }
  }
}
