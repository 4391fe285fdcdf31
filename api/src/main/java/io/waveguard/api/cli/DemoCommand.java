package io.waveguard.api.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.waveguard.api.demo.DemoOptions;
import io.waveguard.api.demo.DemoOutcome;
import io.waveguard.api.demo.DemoRun;
import io.waveguard.api.demo.TemporalChoice;
import java.time.Duration;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code demo}: Waveguard with everything on this machine (a Temporal server, an embedded
 * PostgreSQL, simulated fleet and telemetry), running a good, a faulty and a silent release. With
 * the temporal CLI at hand the Temporal server is its dev server, Web UI included; otherwise
 * Temporal's Java test server in this process ({@code --temporal} chooses). Stays up until Ctrl-C,
 * or with {@code --exit-when-done} exits 0 when the good release completed and the faulty one
 * rolled back.
 */
public final class DemoCommand extends Command {

  public DemoCommand() {
    super("demo", "Runs Waveguard with embedded Temporal and PostgreSQL and two sample releases");
  }

  @Override
  public void configure(Subparser subparser) {
    subparser
        .addArgument("--port")
        .type(Integer.class)
        .setDefault(DemoOptions.DEFAULT_API_PORT)
        .help("REST API port (0 picks a free one)");
    subparser
        .addArgument("--admin-port")
        .dest("adminPort")
        .type(Integer.class)
        .setDefault(DemoOptions.DEFAULT_ADMIN_PORT)
        .help("admin port with /healthcheck (0 picks a free one)");
    subparser
        .addArgument("--temporal-port")
        .dest("temporalPort")
        .type(Integer.class)
        .setDefault(DemoOptions.DEFAULT_TEMPORAL_PORT)
        .help("gRPC port of the embedded Temporal server; a busy one is replaced by a free one");
    subparser
        .addArgument("--temporal")
        .setDefault(TemporalChoice.AUTO.wireName())
        .choices(
            TemporalChoice.AUTO.wireName(),
            TemporalChoice.EMBEDDED.wireName(),
            TemporalChoice.CLI.wireName())
        .help(
            "cli: the temporal CLI's dev server with its Web UI; embedded: Temporal's Java test"
                + " server in this process; auto (default): cli when the CLI is on PATH or"
                + " WAVEGUARD_TEMPORAL_CLI names it, else embedded");
    subparser
        .addArgument("--ui-port")
        .dest("uiPort")
        .type(Integer.class)
        .setDefault(DemoOptions.DEFAULT_WEB_UI_PORT)
        .help(
            "Temporal Web UI port with the CLI's dev server; a busy one is replaced by a free one");
    subparser
        .addArgument("--exit-when-done")
        .dest("exitWhenDone")
        .action(Arguments.storeTrue())
        .help("exit once both releases are final: 0 when they ended as expected, 1 otherwise");
    subparser
        .addArgument("--timeout")
        .type(Integer.class)
        .setDefault((int) DemoOptions.DEFAULT_TIMEOUT.toSeconds())
        .help("seconds to wait for both releases to finish");
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
    DemoOptions options =
        new DemoOptions(
            namespace.getInt("port"),
            namespace.getInt("adminPort"),
            namespace.getInt("temporalPort"),
            DemoOptions.DEFAULT_BAKE_SECONDS,
            Duration.ofSeconds(namespace.getInt("timeout")),
            TemporalChoice.parse(namespace.getString("temporal")),
            namespace.getInt("uiPort"));
    DemoRun demo = DemoRun.start(options, System.out);
    StopOnShutdown stop = StopOnShutdown.register("demo", demo);
    DemoOutcome outcome = demo.awaitOutcome();
    if (namespace.getBoolean("exitWhenDone")) {
      demo.close();
      demo.printOutcome(outcome);
      // Temporal's and Jetty's non-daemon threads would keep the JVM alive: exit explicitly.
      System.exit(outcome.exitCode());
    }
    demo.printOutcome(outcome);
    System.out.println("Everything stays up for you to explore; Ctrl-C stops it.");
    stop.await();
  }

  /** A port in use is the usual reason; say how to pick others instead of a stack trace. */
  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    cli.getStdErr()
        .println(
            "demo could not start: "
                + rootMessage(e)
                + "\nPick other ports with --port, --admin-port and --temporal-port (0 picks a"
                + " free one).");
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
  }
}
