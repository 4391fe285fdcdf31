package io.waveguard.activities.db;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The audit log of operator commands, accepted or rejected. Append-only. */
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

  @SqlQuery("SELECT * FROM audit_log WHERE release_id = :releaseId ORDER BY id")
  List<AuditEntry> forRelease(@Bind("releaseId") String releaseId);
}
