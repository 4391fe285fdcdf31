package io.waveguard.activities;

import io.waveguard.activities.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * Real PostgreSQL for tests: one embedded server per test JVM, started on first use, and a fresh
 * database for every caller so tests never see each other's rows. Migrated databases are copied
 * from a template that is migrated once, which keeps a fresh database in the tens of milliseconds.
 */
public final class TestDatabase {

  private static final String TEMPLATE = "waveguard_template";
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private TestDatabase() {}

  /** A new database with Waveguard's schema. */
  public static Jdbi migrated() {
    return Database.jdbi(migratedDataSource());
  }

  /** A new database with Waveguard's schema, as a data source. */
  public static DataSource migratedDataSource() {
    return create("CREATE DATABASE %s TEMPLATE " + templateDatabase());
  }

  /** A new database without any schema. */
  public static DataSource empty() {
    return create("CREATE DATABASE %s");
  }

  private static synchronized String templateDatabase() {
    EmbeddedPostgres server = server();
    if (!exists(server, TEMPLATE)) {
      execute(server.getPostgresDatabase(), "CREATE DATABASE " + TEMPLATE);
      Database.migrate(server.getDatabase("postgres", TEMPLATE));
    }
    return TEMPLATE;
  }

  private static DataSource create(String createStatement) {
    EmbeddedPostgres server = server();
    String name = "waveguard_test_" + COUNTER.incrementAndGet();
    execute(server.getPostgresDatabase(), createStatement.formatted(name));
    // As production is configured: multi-row INSERTs for batches (trust snapshots, plans).
    return server.getDatabase("postgres", name, java.util.Map.of("reWriteBatchedInserts", "true"));
  }

  private static synchronized EmbeddedPostgres server() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
      EmbeddedPostgres started = postgres;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> close(started)));
    }
    return postgres;
  }

  private static boolean exists(EmbeddedPostgres server, String database) {
    return Jdbi.create(server.getPostgresDatabase())
        .withHandle(
            handle ->
                handle
                        .createQuery("SELECT count(*) FROM pg_database WHERE datname = :name")
                        .bind("name", database)
                        .mapTo(Integer.class)
                        .one()
                    > 0);
  }

  private static void execute(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("test database setup failed: " + sql, e);
    }
  }

  private static void close(EmbeddedPostgres server) {
    try {
      server.close();
    } catch (IOException e) {
      // The JVM is exiting; a server that will not stop is killed with it.
    }
  }
}
