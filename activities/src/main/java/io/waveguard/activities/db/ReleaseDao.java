package io.waveguard.activities.db;

import io.waveguard.workflows.activities.ReleaseSnapshot;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The release read model. Temporal owns progress; this table makes releases listable. */
@RegisterConstructorMapper(ReleaseRow.class)
public interface ReleaseDao {

  /**
   * Records a release the API just started; a repeated start leaves the existing row alone. Returns
   * 1 when this call wrote the row, 0 when it was there already.
   */
  @SqlUpdate(
      """
      INSERT INTO releases (release_id, service, version, strategy, status, spec)
      VALUES (:releaseId, :service, :version, :strategy, 'PLANNING', CAST(:specJson AS jsonb))
      ON CONFLICT (release_id) DO NOTHING
      """)
  int insertIfAbsent(
      @Bind("releaseId") String releaseId,
      @Bind("service") String service,
      @Bind("version") String version,
      @Bind("strategy") String strategy,
      @Bind("specJson") String specJson);

  @SqlUpdate(
      """
      INSERT INTO releases (release_id, service, version, strategy, status, current_wave,
                            wave_count, reason, spec, recorded_at)
      VALUES (:releaseId, :service, :version, :strategy, :status, :currentWave, :waveCount,
              :reason, '{}'::jsonb, :recordedAt)
      ON CONFLICT (release_id) DO UPDATE SET
        status = EXCLUDED.status, current_wave = EXCLUDED.current_wave,
        wave_count = EXCLUDED.wave_count, reason = EXCLUDED.reason,
        recorded_at = EXCLUDED.recorded_at, updated_at = now()
      WHERE releases.recorded_at IS NULL OR releases.recorded_at <= EXCLUDED.recorded_at
      """)
  int upsertSnapshotRow(
      @Bind("releaseId") String releaseId,
      @Bind("service") String service,
      @Bind("version") String version,
      @Bind("strategy") String strategy,
      @Bind("status") String status,
      @Bind("currentWave") int currentWave,
      @Bind("waveCount") int waveCount,
      @Bind("reason") String reason,
      @Bind("recordedAt") OffsetDateTime recordedAt);

  /** Applies a workflow snapshot unless a newer one is already stored. Returns rows changed. */
  default int recordSnapshot(ReleaseSnapshot s) {
    return upsertSnapshotRow(
        s.releaseId(),
        s.service(),
        s.version(),
        s.strategy().wireName(),
        s.status().name(),
        s.currentWave(),
        s.waveCount(),
        s.reason(),
        OffsetDateTime.ofInstant(s.updatedAt(), ZoneOffset.UTC));
  }

  @SqlQuery(
      """
      SELECT release_id, service, version, strategy, status, current_wave, wave_count, reason,
             CAST(spec AS text) AS spec_json, created_at, updated_at
      FROM releases WHERE release_id = :releaseId
      """)
  Optional<ReleaseRow> find(@Bind("releaseId") String releaseId);

  /** The release's last recorded status (a {@code ReleaseStatus} name), empty when unknown. */
  @SqlQuery("SELECT status FROM releases WHERE release_id = :releaseId")
  Optional<String> status(@Bind("releaseId") String releaseId);

  /** The first page, newest first, optionally narrowed to a service and a status. */
  default List<ReleaseRow> list(String service, String status, int limit) {
    return list(service, status, null, null, limit);
  }

  /**
   * One page, newest first (then release id descending), optionally narrowed to a service and a
   * status (null means any), starting after the release keyed (afterCreatedAt, afterReleaseId) or
   * at the newest when both are null. A keyset, so releases recorded meanwhile never shift a page.
   */
  @SqlQuery(
      """
      SELECT release_id, service, version, strategy, status, current_wave, wave_count, reason,
             CAST(spec AS text) AS spec_json, created_at, updated_at
      FROM releases
      WHERE (CAST(:service AS text) IS NULL OR service = :service)
        AND (CAST(:status AS text) IS NULL OR status = :status)
        AND (CAST(:afterCreatedAt AS timestamptz) IS NULL
             OR (created_at, release_id)
                < (CAST(:afterCreatedAt AS timestamptz), CAST(:afterReleaseId AS text)))
      ORDER BY created_at DESC, release_id DESC LIMIT :limit
      """)
  List<ReleaseRow> list(
      @Bind("service") String service,
      @Bind("status") String status,
      @Bind("afterCreatedAt") OffsetDateTime afterCreatedAt,
      @Bind("afterReleaseId") String afterReleaseId,
      @Bind("limit") int limit);
}
