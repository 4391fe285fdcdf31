package io.waveguard.simulatedfleet.deploy;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The simulated fleet's memory of every deploy and rollback it was asked for. */
@RegisterConstructorMapper(FleetLogEntry.class)
public interface SimulatedFleetLogDao {

  /**
   * Records one delivery per target. A repeat under the batch key that last touched the target is
   * only a delivery; any other key applies the action again, which the applied count exposes.
   */
  @SqlBatch(
      """
      INSERT INTO simulated_fleet.fleet_log (release_id, target_id, action, wave, version,
                                             batch_key, applied_count, delivery_count)
      VALUES (:releaseId, :targetId, :action, :wave, :version, :batchKey, 1, 1)
      ON CONFLICT (release_id, target_id, action) DO UPDATE SET
        applied_count = fleet_log.applied_count
            + CASE WHEN fleet_log.batch_key = EXCLUDED.batch_key THEN 0 ELSE 1 END,
        delivery_count = fleet_log.delivery_count + 1,
        batch_key = EXCLUDED.batch_key,
        last_delivery_at = now()
      """)
  void record(
      @Bind("releaseId") String releaseId,
      @Bind("targetId") List<String> targetIds,
      @Bind("action") String action,
      @Bind("wave") int wave,
      @Bind("version") String version,
      @Bind("batchKey") String batchKey);

  @SqlQuery(
      """
      SELECT release_id, target_id, action, wave, version, batch_key, applied_count,
             delivery_count
      FROM simulated_fleet.fleet_log WHERE release_id = :releaseId ORDER BY action, target_id
      """)
  List<FleetLogEntry> forRelease(@Bind("releaseId") String releaseId);

  /** Whether the log's table exists (see {@link SimulatedFleetSchema#exists}). */
  @SqlQuery("SELECT to_regclass('simulated_fleet.fleet_log') IS NOT NULL")
  boolean exists();
}
