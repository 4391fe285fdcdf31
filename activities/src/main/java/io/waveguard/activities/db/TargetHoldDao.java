package io.waveguard.activities.db;

import java.sql.Timestamp;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Which running release holds which target. The primary key on the target makes a claim atomic: of
 * two concurrent inserts of one target, the second waits for the first and then finds it held.
 */
@RegisterConstructorMapper(TargetHold.class)
public interface TargetHoldDao {

  /**
   * Holds every free target of the list for the release; held ones are left alone. In id order, so
   * two claims over overlapping targets lock them in the same order and cannot deadlock.
   */
  @SqlUpdate(
      """
      INSERT INTO target_holds (target_id, release_id, claimed_at)
      SELECT id, :releaseId, :at FROM unnest(:targetIds) AS id ORDER BY id
      ON CONFLICT (target_id) DO NOTHING
      """)
  int holdFree(
      @Bind("releaseId") String releaseId,
      @Bind("targetIds") String[] targetIds,
      @Bind("at") Timestamp at);

  /** The targets of the list that another release holds, by holder and id. */
  @SqlQuery(
      """
      SELECT target_id, release_id FROM target_holds
      WHERE target_id = ANY(:targetIds) AND release_id <> :releaseId
      ORDER BY release_id, target_id
      """)
  List<TargetHold> heldByOthers(
      @Bind("releaseId") String releaseId, @Bind("targetIds") String[] targetIds);

  /** Moves the stale holder's holds of these targets to the release; returns how many moved. */
  @SqlUpdate(
      """
      UPDATE target_holds SET release_id = :releaseId, claimed_at = :at
      WHERE release_id = :staleHolder AND target_id = ANY(:targetIds)
      """)
  int takeOver(
      @Bind("releaseId") String releaseId,
      @Bind("staleHolder") String staleHolder,
      @Bind("targetIds") String[] targetIds,
      @Bind("at") Timestamp at);

  @SqlQuery("SELECT target_id FROM target_holds WHERE release_id = :releaseId ORDER BY target_id")
  List<String> heldBy(@Bind("releaseId") String releaseId);

  @SqlUpdate("DELETE FROM target_holds WHERE release_id = :releaseId")
  int releaseAll(@Bind("releaseId") String releaseId);
}
