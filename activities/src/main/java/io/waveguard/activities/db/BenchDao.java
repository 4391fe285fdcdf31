package io.waveguard.activities.db;

import java.sql.Timestamp;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * What {@code ./waveguard bench} loads and reads in bulk: seeded fleets and their telemetry
 * generated inside PostgreSQL (millions of rows in one statement each), and the read model's counts
 * of the releases it runs. Nothing else uses it.
 */
public interface BenchDao {

  /** The trust bench's fleet: {@code n} targets "bench-000001"... over every tier. */
  @SqlUpdate(
      """
      INSERT INTO targets (id, service, segment, tier, size, labels)
      SELECT 'bench-' || lpad(g::text, 6, '0'), 'bench',
             (ARRAY['eu', 'us', 'ap'])[1 + g % 3],
             (ARRAY['low', 'low', 'low', 'low', 'standard', 'standard', 'standard',
                    'standard', 'finance-critical', 'safety-critical'])[1 + g % 10],
             round((0.2 + (g * 7919 % 1000) / 250.0)::numeric, 3),
             jsonb_build_object('region', (ARRAY['eu', 'us', 'ap'])[1 + g % 3])
      FROM generate_series(1, :n) g
      """)
  int insertTrustFleet(@Bind("n") int n);

  /** 60 one-minute windows per trust-bench target from {@code start}, in arrival order. */
  @SqlUpdate(
      """
      INSERT INTO telemetry_samples (target_id, window_start, window_end,
          requests, errors, latency_p99_ms, crashes, received_at)
      SELECT 'bench-' || lpad(g::text, 6, '0'),
             CAST(:start AS timestamptz) + m * interval '1 minute',
             CAST(:start AS timestamptz) + (m + 1) * interval '1 minute',
             1000,
             (1 + g % 3) * CASE WHEN g % 100 = 0 AND m >= 45 THEN 5 ELSE 1 END,
             80 + g % 320 + (m * 7 + g) % 11,
             CASE WHEN (g + m) % 997 = 0 THEN 1 ELSE 0 END,
             CAST(:start AS timestamptz) + (m + 1) * interval '1 minute'
      FROM generate_series(0, 59) m CROSS JOIN generate_series(1, :n) g
      ORDER BY m, g
      """)
  int insertTrustTelemetry(@Bind("start") Timestamp start, @Bind("n") int n);

  /** Three outcomes per trust-bench target before {@code at}. */
  @SqlUpdate(
      """
      INSERT INTO target_outcomes (release_id, target_id, verdict, reason, at)
      SELECT 'bench-rel-' || k, 'bench-' || lpad(g::text, 6, '0'),
             CASE WHEN (g + k) % 10 = 0 THEN 'BAD'
                  WHEN (g + k) % 17 = 0 THEN 'NONE' ELSE 'GOOD' END,
             'bench', CAST(:at AS timestamptz) - ((k * 9 + g % 7) * interval '1 day')
      FROM generate_series(1, :n) g CROSS JOIN generate_series(1, 3) k
      """)
  int insertTrustOutcomes(@Bind("at") Timestamp at, @Bind("n") int n);

  /** The gate bench's release: {@code deployed} targets in wave 1, the rest pending in wave 2. */
  @SqlUpdate(
      """
      INSERT INTO deployments (release_id, target_id, wave, version, state,
                               deploy_count, deployed_at)
      SELECT :release, 'gate-' || lpad(g::text, 6, '0'),
             CASE WHEN g <= :deployed THEN 1 ELSE 2 END, '3.0',
             CASE WHEN g <= :deployed THEN 'DEPLOYED' ELSE 'PENDING' END,
             CASE WHEN g <= :deployed THEN 1 ELSE 0 END,
             CASE WHEN g <= :deployed THEN CAST(:at AS timestamptz) END
      FROM generate_series(1, :total) g
      """)
  int insertGateDeployments(
      @Bind("release") String release,
      @Bind("deployed") int deployed,
      @Bind("total") int total,
      @Bind("at") Timestamp at);

  /** The gate bench's telemetry: the baseline minutes before the deploy, then the bake. */
  @SqlUpdate(
      """
      INSERT INTO telemetry_samples (target_id, window_start, window_end,
          requests, errors, latency_p99_ms, crashes)
      SELECT 'gate-' || lpad(g::text, 6, '0'), s, s + interval '1 minute',
             1000, 1 + g % 3, 80 + g % 320 + (extract(minute FROM s)::int * 7 + g) % 11, 0
      FROM (SELECT CAST(:baseline AS timestamptz) + m * interval '1 minute' AS s
            FROM generate_series(0, 44) m
            UNION ALL
            SELECT CAST(:bake AS timestamptz) + m * interval '1 minute'
            FROM generate_series(0, :bakeMinutes - 1) m) windows
      CROSS JOIN generate_series(1, :total) g
      ORDER BY s, g
      """)
  int insertGateTelemetry(
      @Bind("baseline") Timestamp baseline,
      @Bind("bake") Timestamp bake,
      @Bind("bakeMinutes") int bakeMinutes,
      @Bind("total") int total);

  /** "STATUS=count" of the releases whose service matches the LIKE pattern. */
  @SqlQuery(
      """
      SELECT status || '=' || count(*) FROM releases WHERE service LIKE :pattern
      GROUP BY status ORDER BY status
      """)
  List<String> statusCounts(@Bind("pattern") String pattern);

  /** How many releases of these services have deployed a target (their first wave is out). */
  @SqlQuery(
      """
      SELECT count(DISTINCT d.release_id) FROM deployments d
      JOIN releases r ON r.release_id = d.release_id
      WHERE r.service LIKE :pattern AND d.state = 'DEPLOYED'
      """)
  int releasesWithDeployments(@Bind("pattern") String pattern);

  /**
   * "release STATUS: reason" of those releases that did not complete, with their last gate
   * verdict's reason: what a bench run says about a rollback it saw.
   */
  @SqlQuery(
      """
      SELECT r.release_id || ' ' || r.status || ': '
             || coalesce((SELECT a.reason FROM audit_log a
                          WHERE a.release_id = r.release_id AND a.action = 'gate'
                          ORDER BY a.id DESC LIMIT 1), 'no gate verdict recorded')
      FROM releases r
      WHERE r.service LIKE :pattern AND r.status <> 'COMPLETED'
      ORDER BY r.release_id LIMIT :limit
      """)
  List<String> notCompleted(@Bind("pattern") String pattern, @Bind("limit") int limit);

  /** When the last of those releases that ended ended, per the read model. */
  @SqlQuery(
      """
      SELECT max(updated_at) FROM releases WHERE service LIKE :pattern
        AND status IN ('COMPLETED', 'ROLLED_BACK', 'ABORTED', 'FAILED')
      """)
  Timestamp lastEnd(@Bind("pattern") String pattern);
}
