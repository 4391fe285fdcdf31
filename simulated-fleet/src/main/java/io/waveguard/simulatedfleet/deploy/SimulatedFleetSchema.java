package io.waveguard.simulatedfleet.deploy;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The simulated deployer's own schema, {@value #SCHEMA}: migrated from {@value #LOCATION} with a
 * Flyway history of its own, and only where the simulated deployer is configured, so Waveguard's
 * production schema carries no demo tables.
 */
public final class SimulatedFleetSchema {

  public static final String SCHEMA = "simulated_fleet";
  static final String LOCATION = "classpath:db/simulated-fleet";

  private SimulatedFleetSchema() {}

  /** Creates or upgrades the schema; safe to run on every start and from several processes. */
  public static void migrate(DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .schemas(SCHEMA)
        .createSchemas(true)
        .defaultSchema(SCHEMA)
        .table("flyway_schema_history")
        .locations(LOCATION)
        .load()
        .migrate();
  }

  /** True when the schema's log exists: a database no simulated deployer ever used has none. */
  public static boolean exists(Jdbi jdbi) {
    return jdbi.withExtension(SimulatedFleetLogDao.class, SimulatedFleetLogDao::exists);
  }
}
