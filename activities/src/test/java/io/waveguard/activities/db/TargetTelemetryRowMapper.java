package io.waveguard.activities.db;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps the reference reads of {@link TelemetryRollupsTest}: sums and a SQL array of p99s. */
final class TargetTelemetryRowMapper implements RowMapper<TargetTelemetryRow> {

  @Override
  public TargetTelemetryRow map(ResultSet rs, StatementContext ctx) throws SQLException {
    List<Double> latencies = new ArrayList<>();
    Array array = rs.getArray("latencies");
    if (array != null) {
      for (Object value : (Object[]) array.getArray()) {
        if (value != null) {
          latencies.add(((Number) value).doubleValue());
        }
      }
      array.free();
    }
    return new TargetTelemetryRow(
        rs.getString("target_id"),
        rs.getLong("requests"),
        rs.getLong("errors"),
        rs.getLong("crashes"),
        rs.getDouble("availability"),
        latencies);
  }
}
