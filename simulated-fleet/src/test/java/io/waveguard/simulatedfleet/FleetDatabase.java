package io.waveguard.simulatedfleet;

import io.waveguard.activities.TestDatabase;
import io.waveguard.activities.db.Database;
import io.waveguard.simulatedfleet.deploy.SimulatedFleetSchema;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/** A fresh test database with Waveguard's schema and the simulated deployer's, as a worker has. */
public final class FleetDatabase {

  private FleetDatabase() {}

  public static Jdbi migrated() {
    DataSource dataSource = TestDatabase.migratedDataSource();
    SimulatedFleetSchema.migrate(dataSource);
    return Database.jdbi(dataSource);
  }
}
