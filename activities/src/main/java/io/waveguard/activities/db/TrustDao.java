package io.waveguard.activities.db;

import java.sql.Timestamp;
import java.util.List;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Trust evidence (outcomes) and trust snapshots with their inputs. */
@RegisterConstructorMapper(TrustSnapshotRow.class)
@RegisterConstructorMapper(OutcomeRow.class)
@RegisterConstructorMapper(DecayedCounts.class)
public interface TrustDao extends SqlObject {

  /** Records outcomes; one per (release, target), so a retry records nothing twice. */
  @SqlBatch(
      """
      INSERT INTO target_outcomes (release_id, target_id, verdict, reason, at)
      VALUES (:releaseId, :targetId, :verdict, :reason, :at)
      ON CONFLICT (release_id, target_id) DO NOTHING
      """)
  void insertOutcomes(@BindMethods List<OutcomeRow> outcomes);

  /** True when the release's outcomes are stored already. */
  @SqlQuery("SELECT EXISTS (SELECT 1 FROM target_outcomes WHERE release_id = :releaseId)")
  boolean hasOutcomes(@Bind("releaseId") String releaseId);

  /**
   * Each target's outcomes up to {@code now}, decayed with the half-life: weight 0.5^(age /
   * half-life). The sum of decayed weights is exactly the fold α ← λα + 1 of DESIGN §3.
   */
  @SqlQuery(
      """
      SELECT target_id,
             coalesce(sum(power(0.5, extract(epoch FROM (:now - at)) / 86400.0 / :halfLifeDays))
                      FILTER (WHERE verdict = 'GOOD'), 0) AS good,
             coalesce(sum(power(0.5, extract(epoch FROM (:now - at)) / 86400.0 / :halfLifeDays))
                      FILTER (WHERE verdict = 'BAD'), 0) AS bad
      FROM target_outcomes
      WHERE target_id = ANY(:targetIds) AND at <= :now AND verdict <> 'NONE'
      GROUP BY target_id
      """)
  List<DecayedCounts> decayedCounts(
      @Bind("targetIds") String[] targetIds,
      @Bind("now") Timestamp now,
      @Bind("halfLifeDays") double halfLifeDays);

  @SqlQuery(
      "SELECT * FROM target_outcomes WHERE target_id = :targetId ORDER BY at DESC LIMIT :limit")
  List<OutcomeRow> outcomes(@Bind("targetId") String targetId, @Bind("limit") int limit);

  /** Stores snapshots that each carry their model parameters in their inputs. */
  default void insertSnapshots(List<TrustSnapshotRow> snapshots) {
    insertSnapshots(snapshots, null);
  }

  /**
   * Stores one computation's snapshots with {@code COPY}: a single stream instead of one INSERT per
   * target. {@code modelJson}, when given, is the model parameters every one of them was scored
   * with, stored once ({@code trust_models}) and left out of their inputs.
   */
  default void insertSnapshots(List<TrustSnapshotRow> snapshots, String modelJson) {
    insertSnapshots(snapshots, snapshots.size(), modelJson);
  }

  /**
   * As above, for {@code count} snapshots produced as they are read: a computation's rows are built
   * while PostgreSQL stores the ones before them.
   */
  default void insertSnapshots(Iterable<TrustSnapshotRow> snapshots, int count, String modelJson) {
    if (count == 0) {
      return;
    }
    Long modelId = modelJson == null ? null : insertModel(modelJson);
    long copied = SnapshotCopy.copy(getHandle(), snapshots, modelId);
    if (copied != count) {
      throw new IllegalStateException(
          "expected " + count + " trust snapshots to store, the rows gave " + copied);
    }
  }

  @SqlQuery("INSERT INTO trust_models (parameters) VALUES (CAST(:json AS jsonb)) RETURNING id")
  long insertModel(@Bind("json") String json);

  /** The columns of a snapshot as readers see them: the computation's model back in its inputs. */
  String SNAPSHOT_COLUMNS =
      """
      s.id, s.target_id, s.computed_at, s.cause, s.release_id, s.wave, s.mean, s.lower_bound,
      s.history_mean, s.health, s.evidence, s.good, s.bad, s.posterior_alpha, s.posterior_beta,
      s.impact, s.risk,
      CASE WHEN m.id IS NULL THEN s.inputs::text
           ELSE (s.inputs::jsonb || jsonb_build_object('model', m.parameters))::text END AS inputs
      """;

  /** A target's trust history, newest first. */
  @SqlQuery(
      "SELECT "
          + SNAPSHOT_COLUMNS
          + " FROM trust_snapshots s LEFT JOIN trust_models m ON m.id = s.model_id"
          + " WHERE s.target_id = :targetId ORDER BY s.id DESC LIMIT :limit")
  List<TrustSnapshotRow> history(@Bind("targetId") String targetId, @Bind("limit") int limit);

  /** True when the release already caused snapshots of this kind (plan, replan, outcome). */
  @SqlQuery(
      """
      SELECT EXISTS (SELECT 1 FROM trust_snapshots
                     WHERE release_id = :releaseId AND cause = :cause)
      """)
  boolean hasSnapshots(@Bind("releaseId") String releaseId, @Bind("cause") String cause);

  /** The newest snapshot of each of the targets that has one. */
  @SqlQuery(
      "SELECT DISTINCT ON (s.target_id) "
          + SNAPSHOT_COLUMNS
          + " FROM trust_snapshots s LEFT JOIN trust_models m ON m.id = s.model_id"
          + " WHERE s.target_id = ANY(:targetIds) ORDER BY s.target_id, s.id DESC")
  List<TrustSnapshotRow> latest(@Bind("targetIds") String[] targetIds);

  /**
   * Retention: deletes up to {@code limit} trust snapshots computed before {@code cutoff}, except
   * each target's newest one and every snapshot of a release that is still running or ended (its
   * read model last changed) at or after {@code auditCutoff}: the decisions of a release in the
   * audit window stay explainable. Returns the rows deleted; call again while it returns {@code
   * limit}, so no one statement holds its locks for long.
   */
  @SqlUpdate(
      """
      DELETE FROM trust_snapshots WHERE id IN (
        SELECT s.id FROM trust_snapshots s
        WHERE s.computed_at < :cutoff
          AND s.id < (SELECT max(n.id) FROM trust_snapshots n WHERE n.target_id = s.target_id)
          AND NOT EXISTS (
            SELECT 1 FROM releases r
            WHERE s.release_id IS NOT NULL AND r.release_id = s.release_id
              AND (r.status NOT IN ('COMPLETED', 'ROLLED_BACK', 'ABORTED', 'FAILED')
                   OR r.updated_at >= :auditCutoff))
        LIMIT :limit)
      """)
  int deleteSnapshotsBefore(
      @Bind("cutoff") Timestamp cutoff,
      @Bind("auditCutoff") Timestamp auditCutoff,
      @Bind("limit") int limit);

  /** Retention: drops model parameters no snapshot refers to any more. */
  @SqlUpdate(
      """
      DELETE FROM trust_models m
      WHERE NOT EXISTS (SELECT 1 FROM trust_snapshots s WHERE s.model_id = m.id)
      """)
  int deleteUnusedModels();
}
