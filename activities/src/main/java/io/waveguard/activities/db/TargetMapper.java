package io.waveguard.activities.db;

import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a {@code targets} row to the policy core's {@link Target}. */
final class TargetMapper implements RowMapper<Target> {

  @Override
  public Target map(ResultSet rs, StatementContext ctx) throws SQLException {
    String tier = rs.getString("tier");
    return new Target(
        rs.getString("id"),
        rs.getString("service"),
        rs.getString("segment"),
        Tier.fromWireName(tier)
            .orElseThrow(() -> new SQLException("unknown tier in database: " + tier)),
        rs.getDouble("size"),
        Json.readStringMap(rs.getString("labels")));
  }
}
