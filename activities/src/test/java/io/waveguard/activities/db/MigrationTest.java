package io.waveguard.activities.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.activities.TestDatabase;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class MigrationTest {

  @Test
  void migrationsCreateTheSchemaOnAnEmptyDatabase() {
    DataSource empty = TestDatabase.empty();

    Database.migrate(empty);

    assertThat(tables(Database.jdbi(empty)))
        .contains(
            "targets",
            "releases",
            "plans",
            "plan_waves",
            "deployments",
            "audit_log",
            "telemetry_samples")
        .doesNotContain("simulated_fleet_log");
  }

  @Test
  void upgradedSchemaDropsTheDemoTableAndEqualsAFreshOne() {
    DataSource upgraded = TestDatabase.empty();
    // A database last migrated before the simulated deployer's log left the production schema.
    Flyway.configure()
        .dataSource(upgraded)
        .locations("classpath:db/migration")
        .target("7")
        .load()
        .migrate();
    assertThat(tables(Database.jdbi(upgraded))).contains("simulated_fleet_log");
    DataSource fresh = TestDatabase.empty();

    Database.migrate(upgraded);
    Database.migrate(fresh);

    assertThat(tables(Database.jdbi(upgraded)))
        .doesNotContain("simulated_fleet_log")
        .containsExactlyInAnyOrderElementsOf(tables(Database.jdbi(fresh)));
  }

  @Test
  void secondMigrateChangesNothing() {
    DataSource dataSource = TestDatabase.empty();
    Database.migrate(dataSource);
    Jdbi jdbi = Database.jdbi(dataSource);
    jdbi.useExtension(
        AuditDao.class, dao -> dao.append("r1", "pause", "ana", "why", "ACCEPTED", null));
    int appliedBefore = appliedMigrations(jdbi);

    Database.migrate(dataSource);

    assertThat(appliedMigrations(jdbi)).isEqualTo(appliedBefore).isGreaterThanOrEqualTo(2);
    List<AuditEntry> kept = jdbi.withExtension(AuditDao.class, dao -> dao.forRelease("r1"));
    assertThat(kept).hasSize(1);
  }

  private static List<String> tables(Jdbi jdbi) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = 'public'")
                .mapTo(String.class)
                .list());
  }

  private static int appliedMigrations(Jdbi jdbi) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT count(*) FROM flyway_schema_history WHERE success")
                .mapTo(Integer.class)
                .one());
  }
}
