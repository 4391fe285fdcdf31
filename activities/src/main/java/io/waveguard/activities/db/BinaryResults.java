package io.waveguard.activities.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.postgresql.PGStatement;

/**
 * Asks the PostgreSQL driver for results in binary form from a statement's first execution (a
 * negative prepare threshold), not only after the fifth: a fleet's p99 arrays then arrive as 8-byte
 * doubles instead of text the driver parses number by number.
 */
enum BinaryResults implements StatementCustomizer {
  INSTANCE;

  @Override
  public void beforeExecution(PreparedStatement stmt, StatementContext ctx) throws SQLException {
    if (stmt.isWrapperFor(PGStatement.class)) {
      stmt.unwrap(PGStatement.class).setPrepareThreshold(-1);
    }
  }
}
