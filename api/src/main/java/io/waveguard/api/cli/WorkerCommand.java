package io.waveguard.api.cli;

import io.dropwizard.core.Application;
import io.dropwizard.core.cli.EnvironmentCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.waveguard.api.config.WaveguardConfiguration;
import java.util.concurrent.CountDownLatch;
import net.sourceforge.argparse4j.inf.Namespace;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code worker <config.yml>}: runs the release worker and its database, no HTTP, until the process
 * is told to stop (SIGTERM or Ctrl-C), then shuts the worker down gracefully.
 */
public final class WorkerCommand extends EnvironmentCommand<WaveguardConfiguration> {

  private static final Logger log = LoggerFactory.getLogger(WorkerCommand.class);

  public WorkerCommand(Application<WaveguardConfiguration> application) {
    super(application, "worker", "Runs a release worker without the HTTP API");
  }

  @Override
  protected void run(
      Bootstrap<WaveguardConfiguration> bootstrap,
      Namespace namespace,
      WaveguardConfiguration configuration)
      throws Exception {
    // This command exists to run a worker, whatever the file says for `server`.
    configuration.getWorker().setEnabled(true);
    super.run(bootstrap, namespace, configuration);
  }

  @Override
  protected void run(
      Environment environment, Namespace namespace, WaveguardConfiguration configuration)
      throws Exception {
    ContainerLifeCycle managed = new ContainerLifeCycle();
    environment.lifecycle().attach(managed);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    managed.stop();
                  } catch (Exception e) {
                    log.warn("worker did not stop cleanly", e);
                  } finally {
                    stopped.countDown();
                  }
                },
                "waveguard-worker-shutdown"));
    managed.start();
    log.info("worker running; stop it with SIGTERM");
    stopped.await();
  }
}
