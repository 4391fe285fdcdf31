package io.waveguard.activities.db;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Per-target deployment state. A batch goes through claim (in flight), deployer call, mark; every
 * step is a conditional update keyed on the batch's idempotency key, so a retried or concurrent
 * activity attempt changes only what an earlier attempt did not finish.
 */
@RegisterConstructorMapper(TargetDeployment.class)
@RegisterConstructorMapper(TargetVersion.class)
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

  /** Like {@link #insertPending}, with the reason each target sits in its wave. */
  @SqlBatch(
      """
      INSERT INTO deployments (release_id, target_id, wave, version, state, placement_reason)
      VALUES (:releaseId, :targetId, :wave, :version, 'PENDING', :reason)
      ON CONFLICT (release_id, target_id) DO NOTHING
      """)
  void insertPlanned(
      @Bind("releaseId") String releaseId,
      @Bind("targetId") List<String> targetIds,
      @Bind("wave") List<Integer> waves,
      @Bind("version") String version,
      @Bind("reason") List<String> reasons);

  /** Moves still-pending targets to another wave (a re-plan); deployed ones never move. */
  @SqlBatch(
      """
      UPDATE deployments SET wave = :wave, placement_reason = :reason, updated_at = now()
      WHERE release_id = :releaseId AND target_id = :targetId AND state = 'PENDING'
        AND in_flight_key IS NULL
      """)
  int[] moveToWave(
      @Bind("releaseId") String releaseId,
      @Bind("targetId") List<String> targetIds,
      @Bind("wave") List<Integer> waves,
      @Bind("reason") List<String> reasons);

  /** When the release's first wave was deployed; null before any was. */
  @SqlQuery("SELECT min(deployed_at) FROM deployments WHERE release_id = :releaseId")
  Optional<Instant> firstDeployedAt(@Bind("releaseId") String releaseId);

  @SqlQuery(
      "SELECT * FROM deployments WHERE release_id = :releaseId AND wave = :wave ORDER BY target_id")
  List<TargetDeployment> wave(@Bind("releaseId") String releaseId, @Bind("wave") int wave);

  @SqlQuery("SELECT * FROM deployments WHERE release_id = :releaseId ORDER BY wave, target_id")
  List<TargetDeployment> release(@Bind("releaseId") String releaseId);

  /**
   * Claims pending targets for a deploy batch; returns how many it claimed. Nothing once the
   * release is fenced; run it under {@link #lockForClaim} so a fence cannot land in between.
   */
  @SqlUpdate(
      """
      UPDATE deployments SET in_flight_action = 'deploy', in_flight_key = :key, updated_at = now()
      WHERE release_id = :releaseId AND target_id = ANY(:targetIds)
        AND state = 'PENDING' AND in_flight_key IS NULL
        AND NOT EXISTS (SELECT 1 FROM rollback_fences f WHERE f.release_id = :releaseId)
      """)
  int claimForDeploy(
      @Bind("releaseId") String releaseId,
      @Bind("targetIds") String[] targetIds,
      @Bind("key") String key);

  /**
   * Claims targets for a rollback batch: deployed ones, and pending ones whose deploy was sent but
   * never confirmed (the deployer may have applied it, so they are undone too).
   */
  @SqlUpdate(
      """
      UPDATE deployments SET in_flight_action = 'rollback', in_flight_key = :key, updated_at = now()
      WHERE release_id = :releaseId AND target_id = ANY(:targetIds)
        AND ((state = 'DEPLOYED' AND in_flight_key IS NULL)
             OR (state = 'PENDING' AND in_flight_action = 'deploy'))
      """)
  int claimForRollBack(
      @Bind("releaseId") String releaseId,
      @Bind("targetIds") String[] targetIds,
      @Bind("key") String key);

  /**
   * Takes the release's advisory lock shared, until the transaction ends: deploy claims take it
   * side by side, a fence waits for them and they for it.
   */
  @SqlQuery(
      "SELECT 1 FROM (SELECT pg_advisory_xact_lock_shared(hashtextextended(:releaseId, 0))) l")
  int lockForClaim(@Bind("releaseId") String releaseId);

  /** Takes the release's advisory lock exclusively, until the transaction ends. */
  @SqlQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(:releaseId, 0))) l")
  int lockForFence(@Bind("releaseId") String releaseId);

  /** Fences the release against deploys; 0 when it already was. Under {@link #lockForFence}. */
  @SqlUpdate("INSERT INTO rollback_fences (release_id) VALUES (:releaseId) ON CONFLICT DO NOTHING")
  int fence(@Bind("releaseId") String releaseId);

  @SqlQuery("SELECT EXISTS (SELECT 1 FROM rollback_fences WHERE release_id = :releaseId)")
  boolean isFenced(@Bind("releaseId") String releaseId);

  /**
   * Targets that run the release's build or may: deployed and not rolled back, or with a deploy or
   * rollback sent and never confirmed.
   */
  @SqlQuery(
      """
      SELECT target_id FROM deployments
      WHERE release_id = :releaseId AND (state = 'DEPLOYED' OR in_flight_key IS NOT NULL)
      ORDER BY wave, target_id
      """)
  List<String> strandedTargets(@Bind("releaseId") String releaseId);

  /** Confirms a deploy batch the deployer accepted; 0 when an earlier attempt already did. */
  @SqlUpdate(
      """
      UPDATE deployments SET state = 'DEPLOYED', deploy_count = deploy_count + 1,
                             deployed_at = :at, in_flight_action = NULL, in_flight_key = NULL,
                             updated_at = now()
      WHERE release_id = :releaseId AND in_flight_key = :key
        AND in_flight_action = 'deploy' AND state = 'PENDING'
      """)
  int markDeployed(
      @Bind("releaseId") String releaseId, @Bind("key") String key, @Bind("at") Timestamp at);

  /** Confirms a rollback batch the deployer accepted; 0 when an earlier attempt already did. */
  @SqlUpdate(
      """
      UPDATE deployments SET state = 'ROLLED_BACK', rollback_count = rollback_count + 1,
                             rolled_back_at = :at, in_flight_action = NULL, in_flight_key = NULL,
                             updated_at = now()
      WHERE release_id = :releaseId AND in_flight_key = :key AND in_flight_action = 'rollback'
      """)
  int markRolledBack(
      @Bind("releaseId") String releaseId, @Bind("key") String key, @Bind("at") Timestamp at);

  /**
   * Targets of the release not deployed yet: the gate's controls. A target whose deploy is in
   * flight may already run the release, so it is no control.
   */
  @SqlQuery(
      """
      SELECT target_id FROM deployments
      WHERE release_id = :releaseId AND state = 'PENDING' AND in_flight_key IS NULL
      ORDER BY target_id
      """)
  List<String> pendingTargets(@Bind("releaseId") String releaseId);

  /**
   * The version the target ran at the instant, as the release that held it then deployed it: its
   * newest confirmed deployment not rolled back by then, unless a later rollback of an older
   * release overwrote it (see {@code deployed_version_at} in V5); null on its baseline. Not "newest
   * deployed_at": a deployment two releases shared is credited to neither once one of them rolled
   * back.
   */
  @SqlQuery("SELECT deployed_version_at(:targetId, :at)")
  String versionAt(@Bind("targetId") String targetId, @Bind("at") Timestamp at);

  /** For each target that ran a release at the instant, that release's version. */
  @SqlQuery(
      """
      SELECT target_id, version
      FROM (SELECT id AS target_id, deployed_version_at(id, :at) AS version
            FROM unnest(:targetIds) AS id) v
      WHERE version IS NOT NULL
      ORDER BY target_id
      """)
  List<TargetVersion> versionsAt(@Bind("targetIds") String[] targetIds, @Bind("at") Timestamp at);

  /** Target id to the version it ran at the instant; targets on their baseline are absent. */
  default Map<String, String> versionsAt(List<String> targetIds, Instant at) {
    if (targetIds.isEmpty()) {
      return Map.of();
    }
    return versionsAt(targetIds.stream().distinct().toArray(String[]::new), Timestamp.from(at))
        .stream()
        .collect(Collectors.toMap(TargetVersion::targetId, TargetVersion::version));
  }

  /**
   * When each deployed target of the release ran the release's build: from its confirmed deploy
   * until its rollback, another release's deploy there, or a rollback of an older release that
   * overwrote it, whichever came first ({@code until} null: it still runs it). Telemetry outside
   * the window belongs to another release, so outcome feedback never counts it twice.
   */
  @SqlQuery(
      """
      SELECT d.target_id, d.wave, d.deployed_at AS from_at,
             least(d.rolled_back_at,
                   (SELECT min(o.deployed_at) FROM deployments o
                    WHERE o.target_id = d.target_id AND o.release_id <> d.release_id
                      AND o.deployed_at > d.deployed_at),
                   (SELECT min(o.rolled_back_at) FROM deployments o
                    WHERE o.target_id = d.target_id AND o.release_id <> d.release_id
                      AND o.deployed_at < d.deployed_at AND o.rolled_back_at > d.deployed_at))
                 AS until_at
      FROM deployments d
      WHERE d.release_id = :releaseId AND d.deployed_at IS NOT NULL
      ORDER BY d.wave, d.target_id
      """)
  @RegisterConstructorMapper(AttributionWindow.class)
  List<AttributionWindow> attributionWindows(@Bind("releaseId") String releaseId);
}
