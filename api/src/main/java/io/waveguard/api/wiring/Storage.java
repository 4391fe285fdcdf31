package io.waveguard.api.wiring;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.waveguard.activities.db.Database;
import io.waveguard.activities.observability.HttpTracing;
import io.waveguard.activities.telemetry.PushTelemetrySource;
import io.waveguard.activities.telemetry.TargetVersions;
import io.waveguard.activities.telemetry.TelemetrySource;
import io.waveguard.activities.telemetry.prometheus.PrometheusTelemetrySource;
import io.waveguard.api.config.DeployerConfiguration;
import io.waveguard.api.config.TelemetryConfiguration;
import io.waveguard.api.config.WaveguardConfiguration;
import io.waveguard.simulatedfleet.deploy.SimulatedFleetSchema;
import io.waveguard.simulatedfleet.telemetry.FaultModel;
import io.waveguard.simulatedfleet.telemetry.SimulatedTelemetrySource;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/** The database, migrated, and the telemetry source the configuration names. */
public final class Storage {

  private Storage() {}

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

  /** Migrates the configured database and opens it with Waveguard's plugins and mappers. */
  static Jdbi open(WaveguardConfiguration config, Environment environment) {
    ManagedDataSource dataSource = config.getDatabase().build(environment.metrics(), "postgresql");
    migrate(config, dataSource);
    // Also registers the "postgresql" health check, running the validation query (SELECT 1).
    return Database.configure(
        new JdbiFactory().build(environment, config.getDatabase(), dataSource, "postgresql"));
  }

  /** The configured source; the Prometheus source's queries join the current trace. */
  static TelemetrySource telemetry(TelemetryConfiguration config, Jdbi jdbi, HttpTracing tracing) {
    return switch (config.getSource()) {
      case SIMULATED ->
          new SimulatedTelemetrySource(
              jdbi, new FaultModel(), config.getRequestsPerTargetPerMinute());
      case PUSH -> new PushTelemetrySource(jdbi);
      case PROMETHEUS ->
          new PrometheusTelemetrySource(
              config.getPrometheus().toSettings(), TargetVersions.of(jdbi), tracing);
    };
  }
}
