package io.waveguard.activities.db;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The audit log: operator commands (accepted or rejected) and what Waveguard decided itself (gates,
 * re-plans, outcomes). Append-only.
 */
@RegisterConstructorMapper(AuditEntry.class)
public interface AuditDao {

  @SqlUpdate(
      """
      INSERT INTO audit_log (release_id, action, operator, reason, outcome, detail)
      VALUES (:releaseId, :action, :operator, :reason, :outcome, :detail)
      """)
  void append(
      @Bind("releaseId") String releaseId,
      @Bind("action") String action,
      @Bind("operator") String operator,
      @Bind("reason") String reason,
      @Bind("outcome") String outcome,
      @Bind("detail") String detail);

  /** True when the release already has an entry of this action with this detail. */
  @SqlQuery(
      """
      SELECT EXISTS (SELECT 1 FROM audit_log
                     WHERE release_id = :releaseId AND action = :action AND detail = :detail)
      """)
  boolean exists(
      @Bind("releaseId") String releaseId,
      @Bind("action") String action,
      @Bind("detail") String detail);

  @SqlQuery("SELECT * FROM audit_log WHERE release_id = :releaseId ORDER BY id")
  List<AuditEntry> forRelease(@Bind("releaseId") String releaseId);

  /**
   * Up to {@code limit} of the release's entries after entry {@code afterId} (0: from the first),
   * oldest first. Ids only grow, so entries appended meanwhile come after every earlier page.
   */
  @SqlQuery(
      """
      SELECT * FROM audit_log WHERE release_id = :releaseId AND id > :afterId
      ORDER BY id LIMIT :limit
      """)
  List<AuditEntry> page(
      @Bind("releaseId") String releaseId, @Bind("afterId") long afterId, @Bind("limit") int limit);
}
