package io.waveguard.activities.db;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The sequential gate's periods, one row per (release, period end): each period's verdict with the
 * release's evidence after it. Rows are never updated, so a retried evaluation finds its verdict.
 */
@RegisterRowMapper(GateEvidenceMapper.class)
public interface GateEvidenceDao {

  @SqlQuery(
      """
      SELECT * FROM gate_evidence
      WHERE release_id = :releaseId AND period_end = :periodEnd
      """)
  Optional<GateEvidenceRow> find(
      @Bind("releaseId") String releaseId, @Bind("periodEnd") Timestamp periodEnd);

  default Optional<GateEvidenceRow> find(String releaseId, Instant periodEnd) {
    return find(releaseId, Timestamp.from(periodEnd));
  }

  /** The release's latest period that ended before this instant: where the next one continues. */
  @SqlQuery(
      """
      SELECT * FROM gate_evidence
      WHERE release_id = :releaseId AND period_end < :before
      ORDER BY period_end DESC LIMIT 1
      """)
  Optional<GateEvidenceRow> latestBefore(
      @Bind("releaseId") String releaseId, @Bind("before") Timestamp before);

  default Optional<GateEvidenceRow> latestBefore(String releaseId, Instant before) {
    return latestBefore(releaseId, Timestamp.from(before));
  }

  /** The release's periods in time order. */
  @SqlQuery("SELECT * FROM gate_evidence WHERE release_id = :releaseId ORDER BY period_end")
  List<GateEvidenceRow> forRelease(@Bind("releaseId") String releaseId);

  @SqlUpdate(
      """
      INSERT INTO gate_evidence (release_id, period_end, period_start, wave, evidence, verdict,
          reason, deployed_targets, deployed_requests, deployed_errors, control_targets,
          control_requests, control_errors)
      VALUES (:releaseId, :periodEnd, :periodStart, :wave, CAST(:evidence AS jsonb), :verdict,
          :reason, :deployedTargets, :deployedRequests, :deployedErrors, :controlTargets,
          :controlRequests, :controlErrors)
      ON CONFLICT (release_id, period_end) DO NOTHING
      """)
  int insertRow(
      @Bind("releaseId") String releaseId,
      @Bind("periodEnd") Timestamp periodEnd,
      @Bind("periodStart") Timestamp periodStart,
      @Bind("wave") int wave,
      @Bind("evidence") String evidenceJson,
      @Bind("verdict") String verdict,
      @Bind("reason") String reason,
      @Bind("deployedTargets") int deployedTargets,
      @Bind("deployedRequests") long deployedRequests,
      @Bind("deployedErrors") long deployedErrors,
      @Bind("controlTargets") int controlTargets,
      @Bind("controlRequests") long controlRequests,
      @Bind("controlErrors") long controlErrors);

  /** Stores a period; 0 when one with the same end is stored already (that one stands). */
  default int insert(GateEvidenceRow row) {
    return insertRow(
        row.releaseId(),
        Timestamp.from(row.periodEnd()),
        Timestamp.from(row.periodStart()),
        row.wave(),
        Json.write(row.evidence()),
        row.verdict().name(),
        row.reason(),
        row.deployed().targets(),
        row.deployed().requests(),
        row.deployed().errors(),
        row.control().targets(),
        row.control().requests(),
        row.control().errors());
  }
}
