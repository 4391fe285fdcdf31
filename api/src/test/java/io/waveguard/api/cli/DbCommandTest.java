package io.waveguard.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.api.WaveguardApplication;
import io.waveguard.api.support.TestDependencies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code db migrate config.yml} creates the schema in an empty database. */
class DbCommandTest {

  @Test
  void migrateCreatesTheSchemaInAnEmptyDatabase(@TempDir Path dir) throws Exception {
    TestDependencies deps = TestDependencies.get();
    try (Connection c = deps.postgres().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE migrate_cli");
    }
    Path config = dir.resolve("waveguard.yml");
    Files.writeString(
        config,
        """
        database:
          url: %s
          user: postgres
          password: postgres
        logging:
          level: WARN
        """
            .formatted(deps.jdbcUrl("migrate_cli")));

    new WaveguardApplication() {
      @Override
      protected void onFatalError(Throwable t) {
        throw new AssertionError("db migrate failed", t);
      }
    }.run("db", "migrate", config.toString());

    try (Connection c = deps.postgres().getDatabase("postgres", "migrate_cli").getConnection();
        Statement s = c.createStatement();
        ResultSet tables =
            s.executeQuery(
                "SELECT count(*) FROM information_schema.tables WHERE table_name IN"
                    + " ('targets', 'releases', 'audit_log', 'telemetry_samples')")) {
      tables.next();
      assertThat(tables.getInt(1)).isEqualTo(4);
    }
  }
}
