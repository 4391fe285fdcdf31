package io.waveguard.api.wiring;

import io.dropwizard.core.setup.Environment;
import io.temporal.client.WorkflowClient;
import io.waveguard.activities.deploy.Deployer;
import io.waveguard.activities.deploy.WebhookDeployer;
import io.waveguard.activities.notify.WebhookPoster;
import io.waveguard.activities.observability.HttpTracing;
import io.waveguard.activities.observability.ReleaseMetrics;
import io.waveguard.activities.release.DeploymentActivitiesImpl;
import io.waveguard.activities.release.GateActivitiesImpl;
import io.waveguard.activities.release.NotificationActivitiesImpl;
import io.waveguard.activities.release.PlanningActivitiesImpl;
import io.waveguard.activities.release.ReleasePlanner;
import io.waveguard.activities.release.ReleaseRecordActivitiesImpl;
import io.waveguard.activities.release.ReplanStep;
import io.waveguard.activities.release.TemporalReleaseLiveness;
import io.waveguard.activities.release.TrustActivitiesImpl;
import io.waveguard.activities.telemetry.TelemetrySource;
import io.waveguard.activities.trust.TrustEngine;
import io.waveguard.api.config.DeployerConfiguration;
import io.waveguard.api.config.WaveguardConfiguration;
import io.waveguard.api.config.WorkerConfiguration;
import io.waveguard.api.observability.Observability;
import io.waveguard.api.temporal.ReleaseWorker;
import io.waveguard.policy.gate.ReleaseGate;
import io.waveguard.policy.settings.CorePolicy;
import io.waveguard.simulatedfleet.deploy.SimulatedDeployer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The release worker: the workflow and every activity, with the configured deployer. */
final class WorkerWiring {

  private WorkerWiring() {}

  /** Registers the worker with the lifecycle, so it starts after and stops before the client. */
  static void install(
      WaveguardConfiguration config,
      Environment environment,
      CorePolicy core,
      Jdbi jdbi,
      TelemetrySource telemetry,
      TrustEngine trust,
      WorkflowClient client,
      Observability observability) {
    WorkerConfiguration worker = config.getWorker();
    environment
        .lifecycle()
        .manage(
            new ReleaseWorker(
                client,
                config.getTemporal().getTaskQueue(),
                activities(config, core, jdbi, telemetry, trust, client, observability),
                Duration.ofMillis(worker.getShutdownTimeout().toMilliseconds()),
                worker.isStickyExecution(),
                Duration.ofMillis(worker.getHeartbeatThrottle().toMilliseconds()),
                worker.capacity(),
                observability.workerInterceptors()));
  }

  private static List<Object> activities(
      WaveguardConfiguration config,
      CorePolicy core,
      Jdbi jdbi,
      TelemetrySource telemetry,
      TrustEngine trust,
      WorkflowClient client,
      Observability observability) {
    ReleaseMetrics metrics = observability.releaseMetrics();
    return List.of(
        new PlanningActivitiesImpl(
            jdbi,
            new ReleasePlanner(trust),
            new ReplanStep(jdbi, trust, telemetry),
            new TemporalReleaseLiveness(client),
            metrics),
        new DeploymentActivitiesImpl(
            jdbi, deployer(config.getDeployer(), jdbi, observability.httpTracing()), metrics),
        new GateActivitiesImpl(
            jdbi,
            telemetry,
            new ReleaseGate(core.gate()),
            trust.settings().baselineWindow(),
            metrics),
        new ReleaseRecordActivitiesImpl(jdbi, metrics),
        new TrustActivitiesImpl(jdbi, telemetry, trust),
        new NotificationActivitiesImpl(
            jdbi, new WebhookPoster(config.getNotifications().toSettings(), Clock.systemUTC())));
  }

  private static Deployer deployer(DeployerConfiguration config, Jdbi jdbi, HttpTracing tracing) {
    return switch (config.getType()) {
      case SIMULATED -> new SimulatedDeployer(jdbi);
      case WEBHOOK ->
          new WebhookDeployer(
              config.getUrl(), Duration.ofMillis(config.getTimeout().toMilliseconds()), tracing);
    };
  }
}
