package io.waveguard.api;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.waveguard.api.cli.BenchCommand;
import io.waveguard.api.cli.DbCommand;
import io.waveguard.api.cli.DemoCommand;
import io.waveguard.api.cli.DevPostgresCommand;
import io.waveguard.api.cli.DevTemporalCommand;
import io.waveguard.api.cli.SimulateCommand;
import io.waveguard.api.cli.TokenCommand;
import io.waveguard.api.cli.VerifyDeploymentsCommand;
import io.waveguard.api.cli.WorkerCommand;
import io.waveguard.api.config.WaveguardConfiguration;
import io.waveguard.api.operatorcli.OperatorCli;
import io.waveguard.api.wiring.WaveguardWiring;

/**
 * Waveguard's entry point. Commands: {@code server} (API, plus a worker unless disabled), {@code
 * worker} (worker only), {@code db migrate}, {@code demo} (everything on this machine), {@code
 * simulate} (the experiment), {@code bench} (the speed figures), {@code dev-temporal} and {@code
 * dev-postgres} (local servers), {@code verify-deployments}, {@code token} (API tokens), and {@code
 * release ...}, the operator CLI over the HTTP API ({@link OperatorCli}). The objects themselves
 * are wired by hand in {@link WaveguardWiring}.
 */
public class WaveguardApplication extends Application<WaveguardConfiguration> {

  public static void main(String[] args) throws Exception {
    // The operator CLI talks HTTP only: no configuration, no logging set-up, its own exit codes
    // (Dropwizard's command line exits 1 for every error, usage errors included).
    if (OperatorCli.handles(args)) {
      System.exit(OperatorCli.main(args));
    }
    new WaveguardApplication().run(args);
  }

  @Override
  public String getName() {
    return "waveguard";
  }

  @Override
  public void initialize(Bootstrap<WaveguardConfiguration> bootstrap) {
    // ${VAR:-default} in the YAML file; non-strict so every setting can keep its default.
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    bootstrap.addCommand(new WorkerCommand(this));
    bootstrap.addCommand(new DbCommand());
    bootstrap.addCommand(new DemoCommand());
    bootstrap.addCommand(new SimulateCommand());
    bootstrap.addCommand(new DevTemporalCommand());
    bootstrap.addCommand(new DevPostgresCommand());
    bootstrap.addCommand(new VerifyDeploymentsCommand());
    bootstrap.addCommand(new TokenCommand());
    bootstrap.addCommand(new BenchCommand());
  }

  @Override
  public void run(WaveguardConfiguration config, Environment environment) {
    WaveguardWiring.install(config, environment);
  }
}
