package io.waveguard.activities.db;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Per-target deployment state. State changes are conditional updates, so a retried activity
 * changes only the targets an earlier attempt did not finish.
 */
@RegisterConstructorMapper(TargetDeployment.class)
public interface DeploymentDao {

  @SqlBatch(
      """
      INSERT INTO deployments (release_id, target_id, wave, version, state)
      VALUES (:releaseId, :targetId, :wave, :version, 'PENDING')
      ON CONFLICT (release_id, target_id) DO NOTHING
      """)
  void insertPending(
      @Bind("releaseId") String releaseId,
      @Bind("targetId") List<String> targetIds,
      @Bind("wave") List<Integer> waves,
      @Bind("version") String version);

  @SqlQuery(
      "SELECT * FROM deployments WHERE release_id = :releaseId AND wave = :wave ORDER BY target_id")
  List<TargetDeployment> wave(@Bind("releaseId") String releaseId, @Bind("wave") int wave);

  @SqlQuery("SELECT * FROM deployments WHERE release_id = :releaseId ORDER BY wave, target_id")
  List<TargetDeployment> release(@Bind("releaseId") String releaseId);

  /** Marks a target deployed; 0 when it already was (the deployer must then not be called). */
  @SqlUpdate(
      """
      UPDATE deployments SET state = 'DEPLOYED', deploy_count = deploy_count + 1,
                             updated_at = now()
      WHERE release_id = :releaseId AND target_id = :targetId AND state = 'PENDING'
      """)
  int markDeployed(@Bind("releaseId") String releaseId, @Bind("targetId") String targetId);

  /** Marks a deployed target rolled back; 0 when it was not deployed or already rolled back. */
  @SqlUpdate(
      """
      UPDATE deployments SET state = 'ROLLED_BACK', rollback_count = rollback_count + 1,
                             updated_at = now()
      WHERE release_id = :releaseId AND target_id = :targetId AND state = 'DEPLOYED'
      """)
  int markRolledBack(@Bind("releaseId") String releaseId, @Bind("targetId") String targetId);

  /** Targets of the release not deployed yet: the gate's controls. */
  @SqlQuery(
      """
      SELECT target_id FROM deployments
      WHERE release_id = :releaseId AND state = 'PENDING' ORDER BY target_id
      """)
  List<String> pendingTargets(@Bind("releaseId") String releaseId);

  /**
   * The version a target runs now: the newest release deployed there and not rolled back, or
   * null when it runs its baseline.
   */
  @SqlQuery(
      """
      SELECT version FROM deployments
      WHERE target_id = :targetId AND state = 'DEPLOYED'
      ORDER BY updated_at DESC LIMIT 1
      """)
  String currentVersion(@Bind("targetId") String targetId);
}
