package io.waveguard.api.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.waveguard.simulation.Simulate;
import io.waveguard.simulation.scenario.ScenarioException;
import java.nio.file.Path;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code simulate [scenario.yaml] [--seeds N] [--out DIR] [--sweep K,K,...]}: runs the experiment
 * of a scenario (or, with --sweep, its exposure-against-time frontier) on the simulator (the same
 * policy core as ReleaseWorkflow, on a virtual clock), prints a table per cell and writes
 * results.json, results.csv and PNG charts. Without a scenario it runs the shipped paper scenario.
 */
public final class SimulateCommand extends Command {

  public SimulateCommand() {
    super(
        "simulate", "Runs a seeded simulation scenario and writes the table, JSON, CSV and charts");
  }

  @Override
  public void configure(Subparser subparser) {
    subparser
        .addArgument("scenario")
        .nargs("?")
        .help(
            "scenario YAML file (default: "
                + Simulate.DEFAULT_SCENARIO
                + ", or the copy shipped in the jar)");
    subparser
        .addArgument("--seeds")
        .type(Integer.class)
        .help("number of seeds (independent fleets); overrides the scenario's");
    subparser
        .addArgument("--out")
        .setDefault(Simulate.DEFAULT_OUT.toString())
        .help("directory for results.json, results.csv and the charts");
    subparser
        .addArgument("--sweep")
        .help(
            "comma-separated gate strictness levels (e.g. 0.5,1,2): runs the scenario at each and"
                + " writes the exposure-against-time frontier (frontier.csv, frontier-r_<r>.png)");
    subparser
        .addArgument("--threads")
        .type(Integer.class)
        .setDefault(0)
        .help("worker threads (0: one per processor)");
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
    String scenario = namespace.getString("scenario");
    Simulate.Request request =
        new Simulate.Request(
            scenario == null ? null : Path.of(scenario),
            namespace.getInt("seeds"),
            Path.of(namespace.getString("out")),
            namespace.getInt("threads"));
    String sweep = namespace.getString("sweep");
    if (sweep == null) {
      Simulate.run(request, System.out, System.err);
    } else {
      Simulate.sweep(request, Simulate.strictnessLevels(sweep), System.out, System.err);
    }
  }

  /** A bad scenario is the usual reason: say which field, without a stack trace. */
  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    if (e instanceof ScenarioException || e instanceof IllegalArgumentException) {
      cli.getStdErr().println("simulate: " + e.getMessage());
    } else {
      super.onError(cli, namespace, e);
    }
  }
}
