package io.waveguard.api;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.temporal.client.WorkflowClient;
import io.waveguard.activities.db.AuditDao;
import io.waveguard.activities.db.Database;
import io.waveguard.activities.db.ReleaseDao;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.activities.db.TargetHoldDao;
import io.waveguard.activities.db.TelemetryDao;
import io.waveguard.activities.db.TrustDao;
import io.waveguard.activities.deploy.Deployer;
import io.waveguard.activities.deploy.WebhookDeployer;
import io.waveguard.activities.release.DeploymentActivitiesImpl;
import io.waveguard.activities.release.GateActivitiesImpl;
import io.waveguard.activities.release.PlanningActivitiesImpl;
import io.waveguard.activities.release.ReleasePlanner;
import io.waveguard.activities.release.ReleaseRecordActivitiesImpl;
import io.waveguard.activities.release.ReplanStep;
import io.waveguard.activities.release.TemporalReleaseLiveness;
import io.waveguard.activities.release.TrustActivitiesImpl;
import io.waveguard.activities.telemetry.PushTelemetrySource;
import io.waveguard.activities.telemetry.TargetVersions;
import io.waveguard.activities.telemetry.TelemetrySource;
import io.waveguard.activities.telemetry.prometheus.PrometheusTelemetrySource;
import io.waveguard.activities.trust.TrustEngine;
import io.waveguard.api.cli.DbCommand;
import io.waveguard.api.cli.DemoCommand;
import io.waveguard.api.cli.DevPostgresCommand;
import io.waveguard.api.cli.DevTemporalCommand;
import io.waveguard.api.cli.VerifyDeploymentsCommand;
import io.waveguard.api.cli.WorkerCommand;
import io.waveguard.api.config.DeployerConfiguration;
import io.waveguard.api.config.LimitsConfiguration;
import io.waveguard.api.config.TelemetryConfiguration;
import io.waveguard.api.config.TemporalConfiguration;
import io.waveguard.api.config.WaveguardConfiguration;
import io.waveguard.api.contract.ApiContract;
import io.waveguard.api.core.DryRuns;
import io.waveguard.api.core.OperatorCommands;
import io.waveguard.api.core.PolicyResolver;
import io.waveguard.api.core.ReleaseService;
import io.waveguard.api.core.TargetHoldCheck;
import io.waveguard.api.core.TargetSelection;
import io.waveguard.api.dto.WireFormat;
import io.waveguard.api.errors.ErrorHandling;
import io.waveguard.api.errors.JettyErrorPages;
import io.waveguard.api.health.TemporalHealthCheck;
import io.waveguard.api.resources.OpenApiResource;
import io.waveguard.api.resources.PlanResource;
import io.waveguard.api.resources.ReleaseResource;
import io.waveguard.api.resources.TargetResource;
import io.waveguard.api.resources.TelemetryResource;
import io.waveguard.api.temporal.ReleaseWorker;
import io.waveguard.api.temporal.SearchAttributeRegistrar;
import io.waveguard.api.temporal.TemporalClients;
import io.waveguard.policy.gate.ReleaseGate;
import io.waveguard.policy.model.TrustPolicy;
import io.waveguard.policy.settings.CorePolicy;
import io.waveguard.simulatedfleet.deploy.SimulatedDeployer;
import io.waveguard.simulatedfleet.deploy.SimulatedFleetSchema;
import io.waveguard.simulatedfleet.telemetry.FaultModel;
import io.waveguard.simulatedfleet.telemetry.SimulatedTelemetrySource;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * Waveguard's composition root. Commands: {@code server} (API, plus a worker unless disabled),
 * {@code worker} (worker only), {@code db migrate}, {@code demo} (everything embedded), {@code
 * dev-temporal} (a local Temporal test server). Everything is wired here by hand.
 */
public class WaveguardApplication extends Application<WaveguardConfiguration> {

  // What run() built, for embedded runs that drive the application in-process (WaveguardServer).
  private volatile Jdbi jdbi;
  private volatile ReleaseService releaseService;
  private volatile OperatorCommands operatorCommands;
  private volatile DryRuns dryRuns;

  public static void main(String[] args) throws Exception {
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
    bootstrap.addCommand(new io.waveguard.api.cli.SimulateCommand());
    bootstrap.addCommand(new DevTemporalCommand());
    bootstrap.addCommand(new DevPostgresCommand());
    bootstrap.addCommand(new VerifyDeploymentsCommand());
  }

  @Override
  public void run(WaveguardConfiguration config, Environment environment) {
    WireFormat.configure(environment.getObjectMapper());
    if (config.getServerFactory() instanceof AbstractServerFactory server) {
      // Ours answer every error as {error, field, message}; Dropwizard's would answer otherwise.
      server.setRegisterDefaultExceptionMappers(false);
      // TRACE and QUERY go on to Jersey, which answers 405 with Allow as for any method a path
      // lacks; Dropwizard's filter would answer 405 without Allow. No resource echoes a TRACE.
      Set<String> methods = new HashSet<>(server.getAllowedMethods());
      methods.addAll(List.of("TRACE", "QUERY"));
      server.setAllowedMethods(methods);
    }
    JettyErrorPages.install(environment);

    ManagedDataSource dataSource = config.getDatabase().build(environment.metrics(), "postgresql");
    migrate(config, dataSource);
    // Also registers the "postgresql" health check, running the validation query (SELECT 1).
    Jdbi jdbi =
        Database.configure(
            new JdbiFactory().build(environment, config.getDatabase(), dataSource, "postgresql"));

    TelemetrySource telemetry = telemetry(config.getTelemetry(), jdbi);
    // The configuration's release, gate and trust sections as the policy core's records, once.
    CorePolicy core = config.corePolicy();
    TrustEngine trust = new TrustEngine(jdbi, telemetry, config.trustSettings());

    TemporalConfiguration temporalConfig = config.getTemporal();
    TemporalClients temporal = TemporalClients.create(temporalConfig);
    // Managed objects start in this order and stop in reverse: the worker stops before the client.
    environment.lifecycle().manage(temporal);
    if (temporalConfig.isRegisterSearchAttributes()) {
      environment
          .lifecycle()
          .manage(new SearchAttributeRegistrar(temporal.stubs(), temporalConfig.getNamespace()));
    }
    if (config.getWorker().isEnabled()) {
      environment
          .lifecycle()
          .manage(
              new ReleaseWorker(
                  temporal.client(),
                  temporalConfig.getTaskQueue(),
                  activities(config, core, jdbi, telemetry, trust, temporal.client()),
                  Duration.ofMillis(config.getWorker().getShutdownTimeout().toMilliseconds()),
                  config.getWorker().isStickyExecution(),
                  Duration.ofMillis(config.getWorker().getHeartbeatThrottle().toMilliseconds())));
    }
    environment
        .healthChecks()
        .register("temporal", new TemporalHealthCheck(temporal.stubs(), Duration.ofSeconds(2)));

    ReleaseDao releaseRows = jdbi.onDemand(ReleaseDao.class);
    AuditDao audit = jdbi.onDemand(AuditDao.class);
    ReleaseService releases =
        new ReleaseService(
            temporal.client(),
            temporalConfig.getTaskQueue(),
            releaseRows,
            Duration.ofMillis(temporalConfig.getQueryTimeout().toMilliseconds()),
            config.getLimits().getMaxHistoryEventsPerRun());
    ExecutorService updateWaits =
        environment
            .lifecycle()
            .executorService("update-wait-%d")
            .minThreads(4)
            .maxThreads(4)
            .build();
    OperatorCommands commands =
        new OperatorCommands(
            releases,
            audit,
            updateWaits,
            Duration.ofMillis(temporalConfig.getCommandAcceptTimeout().toMilliseconds()));

    // Read once here: each release resolves its policy on these defaults when it starts.
    PolicyResolver policies =
        new PolicyResolver(
            config.getGate().mode,
            core.release(),
            core.sequentialGate(),
            new TrustPolicy(trust.settings().model(), trust.settings().planning()));
    environment
        .jersey()
        .register(
            new ReleaseResource(
                releases,
                commands,
                releaseRows,
                audit,
                policies,
                new TargetSelection(
                    jdbi.onDemand(TargetDao.class),
                    trust.settings().planning(),
                    config.getLimits().getMaxWavesPerRelease()),
                new TargetHoldCheck(
                    jdbi.onDemand(TargetHoldDao.class),
                    new TemporalReleaseLiveness(temporal.client()))));
    environment
        .jersey()
        .register(
            new TargetResource(jdbi.onDemand(TargetDao.class), jdbi.onDemand(TrustDao.class)));
    DryRuns dryRuns = new DryRuns(jdbi.onDemand(TargetDao.class), new ReleasePlanner(trust));
    environment.jersey().register(new PlanResource(dryRuns, policies));
    environment
        .jersey()
        .register(
            new TelemetryResource(
                jdbi.onDemand(TelemetryDao.class), jdbi.onDemand(TargetDao.class)));
    environment
        .jersey()
        .register(
            new OpenApiResource(
                ApiContract.json(
                    List.of(
                        ReleaseResource.class,
                        PlanResource.class,
                        TargetResource.class,
                        TelemetryResource.class,
                        OpenApiResource.class))));
    LimitsConfiguration limits = config.getLimits();
    ErrorHandling.providers(
            limits.getMaxRequestBody().toBytes(), limits.getMaxTelemetryBody().toBytes())
        .forEach(environment.jersey()::register);
    this.jdbi = jdbi;
    this.releaseService = releases;
    this.operatorCommands = commands;
    this.dryRuns = dryRuns;
  }

  /**
   * Waveguard's schema, and the simulated deployer's own schema where that deployer is configured
   * (its log is how a crash test proves each target was deployed exactly once).
   */
  public static void migrate(WaveguardConfiguration config, DataSource dataSource) {
    Database.migrate(dataSource);
    if (config.getDeployer().getType() == DeployerConfiguration.Type.SIMULATED) {
      SimulatedFleetSchema.migrate(dataSource);
    }
  }

  OperatorCommands operatorCommands() {
    return operatorCommands;
  }

  DryRuns dryRuns() {
    return dryRuns;
  }

  /** The database handle run() built; null before run(). */
  Jdbi jdbi() {
    return jdbi;
  }

  /** The release service the REST API uses; null before run(). */
  ReleaseService releaseService() {
    return releaseService;
  }

  /** The activity implementations a worker registers, with the configured deployer. */
  private static List<Object> activities(
      WaveguardConfiguration config,
      CorePolicy core,
      Jdbi jdbi,
      TelemetrySource telemetry,
      TrustEngine trust,
      WorkflowClient client) {
    DeployerConfiguration deployerConfig = config.getDeployer();
    Deployer deployer =
        switch (deployerConfig.getType()) {
          case SIMULATED -> new SimulatedDeployer(jdbi);
          case WEBHOOK ->
              new WebhookDeployer(
                  deployerConfig.getUrl(),
                  Duration.ofMillis(deployerConfig.getTimeout().toMilliseconds()));
        };
    return List.of(
        new PlanningActivitiesImpl(
            jdbi,
            new ReleasePlanner(trust),
            new ReplanStep(jdbi, trust, telemetry),
            new TemporalReleaseLiveness(client)),
        new DeploymentActivitiesImpl(jdbi, deployer),
        new GateActivitiesImpl(
            jdbi, telemetry, new ReleaseGate(core.gate()), trust.settings().baselineWindow()),
        new ReleaseRecordActivitiesImpl(jdbi),
        new TrustActivitiesImpl(jdbi, telemetry, trust));
  }

  private static TelemetrySource telemetry(TelemetryConfiguration config, Jdbi jdbi) {
    return switch (config.getSource()) {
      case SIMULATED ->
          new SimulatedTelemetrySource(
              jdbi, new FaultModel(), config.getRequestsPerTargetPerMinute());
      case PUSH -> new PushTelemetrySource(jdbi);
      case PROMETHEUS ->
          new PrometheusTelemetrySource(
              config.getPrometheus().toSettings(), TargetVersions.of(jdbi));
    };
  }
}
