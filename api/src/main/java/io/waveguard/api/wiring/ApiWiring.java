package io.waveguard.api.wiring;

import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.waveguard.activities.db.AuditDao;
import io.waveguard.activities.db.ReleaseDao;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.activities.db.TargetHoldDao;
import io.waveguard.activities.db.TelemetryDao;
import io.waveguard.activities.db.TrustDao;
import io.waveguard.activities.release.TemporalReleaseLiveness;
import io.waveguard.api.config.LimitsConfiguration;
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
import io.waveguard.api.resources.CalendarResource;
import io.waveguard.api.resources.OpenApiResource;
import io.waveguard.api.resources.PlanResource;
import io.waveguard.api.resources.ReleaseResource;
import io.waveguard.api.resources.TargetResource;
import io.waveguard.api.resources.TelemetryResource;
import io.waveguard.policy.plan.TrustPlanParameters;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** The REST API: how it answers errors and methods, and its resources. */
final class ApiWiring {

  private ApiWiring() {}

  /** Before anything starts: every error answers in Waveguard's JSON shape. */
  static void configureHttp(WaveguardConfiguration config, Environment environment) {
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
  }

  /** Registers every resource, the OpenAPI document and the error mappers. */
  static void registerResources(
      WaveguardConfiguration config,
      JerseyEnvironment jersey,
      Jdbi jdbi,
      ReleaseService releases,
      OperatorCommands commands,
      PolicyResolver policies,
      DryRuns dryRuns,
      TrustPlanParameters planning,
      TemporalReleaseLiveness liveness) {
    LimitsConfiguration limits = config.getLimits();
    TargetDao targets = jdbi.onDemand(TargetDao.class);
    jersey.register(
        new ReleaseResource(
            releases,
            commands,
            jdbi.onDemand(ReleaseDao.class),
            jdbi.onDemand(AuditDao.class),
            policies,
            new TargetSelection(targets, planning, limits.getMaxWavesPerRelease()),
            new TargetHoldCheck(jdbi.onDemand(TargetHoldDao.class), liveness)));
    jersey.register(new TargetResource(targets, jdbi.onDemand(TrustDao.class)));
    jersey.register(new PlanResource(dryRuns, policies));
    jersey.register(new CalendarResource(policies.defaults().changeCalendar(), Clock.systemUTC()));
    jersey.register(new TelemetryResource(jdbi.onDemand(TelemetryDao.class), targets));
    jersey.register(
        new OpenApiResource(
            ApiContract.json(
                List.of(
                    ReleaseResource.class,
                    PlanResource.class,
                    CalendarResource.class,
                    TargetResource.class,
                    TelemetryResource.class,
                    OpenApiResource.class))));
    ErrorHandling.providers(
            limits.getMaxRequestBody().toBytes(), limits.getMaxTelemetryBody().toBytes())
        .forEach(jersey::register);
  }
}
