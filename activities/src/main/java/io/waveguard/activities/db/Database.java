package io.waveguard.activities.db;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** Opens Waveguard's PostgreSQL: schema migrations and a configured {@link Jdbi}. */
public final class Database {

  /** Shared JSON mapper for JSONB columns (labels, release specs, gate evidence). */
  public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

  private Database() {}

  /** Brings the schema up to date; safe to run on every start and from several processes. */
  public static void migrate(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
  }

  /** Installs the plugins and row mappers every DAO relies on. */
  public static Jdbi configure(Jdbi jdbi) {
    jdbi.installPlugin(new SqlObjectPlugin());
    jdbi.installPlugin(new PostgresPlugin());
    jdbi.registerRowMapper(new TargetMapper());
    return jdbi;
  }

  public static Jdbi jdbi(DataSource dataSource) {
    return configure(Jdbi.create(dataSource));
  }
}
