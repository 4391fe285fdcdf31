package io.waveguard.api.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.waveguard.api.embedded.EmbeddedTemporalServer;
import io.waveguard.api.embedded.Ports;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code dev-temporal}: Temporal's Java test server in its own process, on real time, with
 * Waveguard's search attributes registered, until Ctrl-C. {@code server} and {@code worker}
 * processes can be killed and restarted against it (workers with sticky execution off, see {@link
 * io.waveguard.api.config.WorkerConfiguration}); its state lives only in its memory.
 */
public final class DevTemporalCommand extends Command {

  public DevTemporalCommand() {
    super("dev-temporal", "Runs a local Temporal test server (real time) until Ctrl-C");
  }

  @Override
  public void configure(Subparser subparser) {
    subparser
        .addArgument("--port")
        .type(Integer.class)
        .setDefault(7233)
        .help("gRPC port to listen on (0 picks a free one)");
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
    int port = namespace.getInt("port");
    if (port != 0 && !Ports.isFree(port)) {
      throw new IllegalStateException("port " + port + " is in use; pick another with --port");
    }
    EmbeddedTemporalServer temporal = EmbeddedTemporalServer.start(port);
    StopOnShutdown stop = StopOnShutdown.register("dev-temporal", temporal);
    System.out.printf(
        """
        Temporal test server ready at %1$s (namespace default, real time).
        Waveguard's search attributes are registered. Point server and worker at it:
          TEMPORAL_ADDRESS=%1$s ./waveguard server api/config/waveguard.yml
        Workers you mean to kill need sticky execution off: this server never moves a task off a
        dead worker's sticky queue (a real Temporal server does after 5 s):
          TEMPORAL_ADDRESS=%1$s WAVEGUARD_WORKER_STICKY=false ./waveguard worker api/config/waveguard.yml
        Its state is in memory: Ctrl-C stops it and forgets every workflow.
        """,
        temporal.target());
    System.out.flush();
    stop.await();
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    cli.getStdErr().println("dev-temporal could not start: " + e.getMessage());
  }
}
