package io.waveguard.api.wiring;

import io.dropwizard.core.setup.Environment;
import io.waveguard.activities.db.AuditDao;
import io.waveguard.activities.db.ReleaseDao;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.activities.release.ReleasePlanner;
import io.waveguard.activities.release.TemporalReleaseLiveness;
import io.waveguard.activities.telemetry.TelemetrySource;
import io.waveguard.activities.trust.TrustEngine;
import io.waveguard.api.auth.ApiAuthentication;
import io.waveguard.api.config.TemporalConfiguration;
import io.waveguard.api.config.WaveguardConfiguration;
import io.waveguard.api.core.DryRuns;
import io.waveguard.api.core.OperatorCommands;
import io.waveguard.api.core.PolicyResolver;
import io.waveguard.api.core.ReleaseNotifications;
import io.waveguard.api.core.ReleaseService;
import io.waveguard.api.health.TemporalHealthCheck;
import io.waveguard.api.observability.Observability;
import io.waveguard.api.retention.RetentionJob;
import io.waveguard.api.temporal.SearchAttributeRegistrar;
import io.waveguard.api.temporal.TemporalClients;
import io.waveguard.policy.model.TrustPolicy;
import io.waveguard.policy.settings.CorePolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.jdbi.v3.core.Jdbi;

/**
 * Builds every Waveguard object from its configuration, by hand, and hands them to Dropwizard's
 * environment: the one wiring that the {@code server} and {@code worker} commands, the embedded
 * server and the demo all run. It knows nothing of who calls it, so no caller loops back.
 */
public final class WaveguardWiring {

  private final Jdbi jdbi;
  private final ReleaseService releases;
  private final OperatorCommands operatorCommands;
  private final DryRuns dryRuns;

  private WaveguardWiring(
      Jdbi jdbi, ReleaseService releases, OperatorCommands operatorCommands, DryRuns dryRuns) {
    this.jdbi = jdbi;
    this.releases = releases;
    this.operatorCommands = operatorCommands;
    this.dryRuns = dryRuns;
  }

  /** Wires Waveguard into {@code environment}; nothing starts before Dropwizard starts it. */
  public static WaveguardWiring install(WaveguardConfiguration config, Environment environment) {
    ApiWiring.configureHttp(config, environment);
    // Managed first, so it stops last: the worker's and client's final spans are still exported.
    Observability observability = Observability.create(config.getObservability());
    environment.lifecycle().manage(observability);
    observability.install(environment);
    Jdbi jdbi = Storage.open(config, environment);
    TelemetrySource telemetry =
        Storage.telemetry(config.getTelemetry(), jdbi, observability.httpTracing());
    // The configuration's release, gate and trust sections as the policy core's records, once.
    CorePolicy core = config.corePolicy();
    TrustEngine trust =
        new TrustEngine(jdbi, telemetry, config.trustSettings(), observability.releaseMetrics());

    TemporalConfiguration temporalConfig = config.getTemporal();
    TemporalClients temporal =
        TemporalClients.create(
            temporalConfig, observability.temporalMetrics(), observability.clientInterceptors());
    // Managed objects start in this order and stop in reverse: the worker stops before the client.
    environment.lifecycle().manage(temporal);
    if (temporalConfig.isRegisterSearchAttributes()) {
      environment
          .lifecycle()
          .manage(new SearchAttributeRegistrar(temporal.stubs(), temporalConfig.getNamespace()));
    }
    if (config.getWorker().isEnabled()) {
      WorkerWiring.install(
          config, environment, core, jdbi, telemetry, trust, temporal.client(), observability);
    }
    environment
        .lifecycle()
        .manage(new RetentionJob(jdbi, config.getRetention(), java.time.Clock.systemUTC()));
    environment
        .healthChecks()
        .register("temporal", new TemporalHealthCheck(temporal.stubs(), Duration.ofSeconds(2)));

    ReleaseService releases =
        new ReleaseService(
            temporal.client(),
            temporalConfig.getTaskQueue(),
            jdbi.onDemand(ReleaseDao.class),
            Duration.ofMillis(temporalConfig.getQueryTimeout().toMilliseconds()),
            config.getLimits().getMaxHistoryEventsPerRun());
    OperatorCommands commands =
        new OperatorCommands(
            releases,
            jdbi.onDemand(AuditDao.class),
            updateWaits(environment),
            Duration.ofMillis(temporalConfig.getCommandAcceptTimeout().toMilliseconds()));
    // Read once here: each release resolves its policy on these defaults when it starts.
    PolicyResolver policies =
        new PolicyResolver(
            config.getGate().mode,
            core.release(),
            core.sequentialGate(),
            new TrustPolicy(trust.settings().model(), trust.settings().planning()),
            Clock.systemUTC(),
            new ReleaseNotifications(
                config.getNotifications().releaseWebhooks(),
                config.getNotifications().secrets.keySet(),
                config.getNotifications().allowReleaseWebhookUrls,
                config.getNotifications().giveUpAfterSeconds()));
    DryRuns dryRuns = new DryRuns(jdbi.onDemand(TargetDao.class), new ReleasePlanner(trust));
    ApiAuthentication.register(
        environment.jersey(), config.getAuth(), jdbi, environment.metrics(), Clock.systemUTC());
    ApiWiring.registerResources(
        config,
        environment.jersey(),
        jdbi,
        releases,
        commands,
        policies,
        dryRuns,
        trust.settings().planning(),
        new TemporalReleaseLiveness(temporal.client()));
    return new WaveguardWiring(jdbi, releases, commands, dryRuns);
  }

  /** Threads that wait for an Update's answer, so a slow worker never blocks Jetty's threads. */
  private static ExecutorService updateWaits(Environment environment) {
    return environment
        .lifecycle()
        .executorService("update-wait-%d")
        .minThreads(4)
        .maxThreads(4)
        .build();
  }

  /** The database handle, with Waveguard's plugins and mappers installed. */
  public Jdbi jdbi() {
    return jdbi;
  }

  /** The release service behind the REST API. */
  public ReleaseService releases() {
    return releases;
  }

  /** Operator commands as the REST API applies them (audited, through Temporal updates). */
  public OperatorCommands operatorCommands() {
    return operatorCommands;
  }

  /** Dry runs as POST /api/v1/plans answers them. */
  public DryRuns dryRuns() {
    return dryRuns;
  }
}
