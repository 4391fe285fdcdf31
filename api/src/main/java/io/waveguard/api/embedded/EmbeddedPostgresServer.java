package io.waveguard.api.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * A throwaway PostgreSQL for the demo and local runs: real PostgreSQL binaries shipped in a Maven
 * artifact, listening on loopback only, its data in a temporary directory removed on close. Nothing
 * to install but a JDK. The superuser is {@value #SUPERUSER}; local connections need no password.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  public static final String SUPERUSER = "postgres";

  private final EmbeddedPostgres postgres;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * @param port the port to listen on; 0 picks a free one
   */
  public static EmbeddedPostgresServer start(int port) throws IOException {
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setCleanDataDirectory(true)
            // Callers stop it themselves, after the application that uses it: a hook of its own
            // could pull the database out from under a worker that is still shutting down.
            .setRegisterShutdownHook(false);
    if (port != 0) {
      builder.setPort(port);
    }
    return new EmbeddedPostgresServer(builder.start());
  }

  public int port() {
    return postgres.getPort();
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:%d/%s".formatted(port(), database);
  }

  /** The superuser's connection to the {@code postgres} database. */
  public DataSource superuserDataSource() {
    return postgres.getPostgresDatabase();
  }

  /**
   * Creates a login role and a database it owns, each unless it exists, so a configuration written
   * for a real server (user and database "waveguard") connects unchanged.
   */
  public void createDatabase(String database, String owner) throws SQLException {
    try (Connection c = superuserDataSource().getConnection();
        Statement s = c.createStatement()) {
      if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", owner)) {
        s.execute("CREATE ROLE " + quoted(owner) + " LOGIN");
      }
      if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
        s.execute("CREATE DATABASE " + quoted(database) + " OWNER " + quoted(owner));
      }
    }
  }

  private static boolean exists(Connection c, String sql, String name) throws SQLException {
    try (PreparedStatement query = c.prepareStatement(sql)) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static String quoted(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** Stops the server and removes its data; safe to call more than once. */
  @Override
  public void close() throws IOException {
    if (closed.compareAndSet(false, true)) {
      postgres.close();
    }
  }
}
