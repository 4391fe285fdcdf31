package io.waveguard.activities.db;

import io.waveguard.policy.gate.sequential.ReleaseEvidence;
import io.waveguard.policy.model.CohortStats;
import io.waveguard.policy.model.GateVerdict;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a {@code gate_evidence} row, its JSONB evidence included. */
public final class GateEvidenceMapper implements RowMapper<GateEvidenceRow> {

  @Override
  public GateEvidenceRow map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new GateEvidenceRow(
        rs.getString("release_id"),
        instant(rs.getTimestamp("period_start")),
        instant(rs.getTimestamp("period_end")),
        rs.getInt("wave"),
        Json.read(rs.getString("evidence"), ReleaseEvidence.class),
        GateVerdict.valueOf(rs.getString("verdict")),
        rs.getString("reason"),
        new CohortStats(
            rs.getInt("deployed_targets"),
            rs.getLong("deployed_requests"),
            rs.getLong("deployed_errors")),
        new CohortStats(
            rs.getInt("control_targets"),
            rs.getLong("control_requests"),
            rs.getLong("control_errors")));
  }

  private static java.time.Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
