package io.waveguard.activities.db;

import io.waveguard.policy.model.CohortStats;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMap;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * Pushed telemetry: stored per target and window, rolled up per target and 15-minute bucket in the
 * same transaction ({@code telemetry_rollups}, V10), and read from the rollups for every whole
 * bucket of a window and from the samples only at its edges. Every read leaves out samples labelled
 * with another build than the one the target ran at the time ({@code sample_matches_version}), so a
 * stale agent's numbers are never credited to a release.
 */
public interface TelemetryDao extends SqlObject {

  /**
   * A target's samples on one side of the window's split as one piece of {@link #PIECES}: summed,
   * with their p99s in an array, as a bucket's rollup is. Followed by its branch's conditions and
   * {@link #RAW_GROUPS}: a gate's bake then crosses the wire as one row per target and side instead
   * of one per sample (200,000 for 20,000 targets over ten minutes).
   */
  String RAW_PIECE =
      """
        SELECT s.target_id, min(s.window_start), count(*), sum(s.requests)::bigint,
               sum(s.errors)::bigint, sum(s.crashes)::bigint,
               sum((extract(epoch FROM s.window_end - s.window_start) * 1000000)::bigint)::bigint,
               coalesce(array_agg(s.latency_p99_ms) FILTER (WHERE s.latency_p99_ms IS NOT NULL),
                        '{}')
        FROM telemetry_samples s
      """;

  /** The groups of {@link #RAW_PIECE}: a target's samples on each side of the split. */
  String RAW_GROUPS = " GROUP BY s.target_id, s.window_start >= :w.splitTs\n";

  /** A sample counts when unlabelled or labelled with the build its target ran then. */
  String RAW_VERSION =
      " AND (s.version IS NULL OR sample_matches_version(s.target_id, s.window_start, s.version))\n";

  /**
   * A rollup row of the samples grouped by target, bucket and label (the columns of {@code
   * telemetry_rollups}, in order): V10's {@code refresh_telemetry_rollups} spells out the same.
   */
  String ROLLUP_OF_SAMPLES =
      """
      SELECT target_id, telemetry_bucket(window_start), coalesce(version, ''),
             count(*), sum(requests), sum(errors), sum(crashes),
             sum((extract(epoch FROM window_end - window_start) * 1000000)::bigint),
             coalesce(array_agg(latency_p99_ms ORDER BY window_start)
                      FILTER (WHERE latency_p99_ms IS NOT NULL), '{}'),
             coalesce(array_agg(window_start ORDER BY window_start)
                      FILTER (WHERE latency_p99_ms IS NOT NULL), '{}')
      """;

  /**
   * The pieces a window is read from: whole rollup buckets (unlabelled ones, and labelled ones
   * whose target's build did not change inside the bucket and matches the label), the samples of
   * the window's edges and of its split hole, and the labelled samples of buckets whose build did
   * change. Binds {@code :targetIds} and the window {@code :w}. Each piece has its target, its
   * start ({@code at}: a bucket's, or the first of a group of samples, on the same side of the
   * window's split as all of them), its counts, and its p99s ({@code latencies}: a bucket's in
   * window order, a group of samples' in any).
   */
  String PIECES =
      """
      WITH dirty AS (
        SELECT DISTINCT r.target_id, r.bucket_start
        FROM telemetry_rollups r
        WHERE r.target_id = ANY(:targetIds)
          AND r.bucket_start >= :w.rollupFromTs AND r.bucket_start < :w.rollupToTs
          AND NOT (r.bucket_start >= :w.holeFromTs AND r.bucket_start < :w.holeToTs)
          AND r.version <> ''
          AND version_changes_within(r.target_id, r.bucket_start,
                                     r.bucket_start + interval '15 minutes')
      ),
      pieces AS (
        SELECT r.target_id, r.bucket_start AS at, r.samples, r.requests, r.errors, r.crashes,
               r.covered_micros, r.latency_p99_ms AS latencies
        FROM telemetry_rollups r
        WHERE r.target_id = ANY(:targetIds)
          AND r.bucket_start >= :w.rollupFromTs AND r.bucket_start < :w.rollupToTs
          AND NOT (r.bucket_start >= :w.holeFromTs AND r.bucket_start < :w.holeToTs)
          AND (r.version = ''
               OR (sample_matches_version(r.target_id, r.bucket_start, r.version)
                   AND NOT version_changes_within(r.target_id, r.bucket_start,
                                                  r.bucket_start + interval '15 minutes')))
      """
          + "  UNION ALL "
          + RAW_PIECE
          // The three ranges of window starts the rollups leave to the samples, in one branch:
          // the planner weighs a fleet's id array once per branch, 0.1 s at 100,000 targets. The
          // window's own bounds, which hold all three, go to the index: from the OR alone the
          // planner took only an upper bound, and a gate's 10-minute bake visited every target's
          // 45 baseline minutes too (550,000 rows read for 100,000 kept, EXPLAIN ANALYZE).
          + " WHERE s.target_id = ANY(:targetIds)"
          + " AND s.window_start >= :w.fromTs AND s.window_start < :w.toTs"
          + " AND ((s.window_start >= :w.fromTs AND s.window_start < :w.rollupFromTs)"
          + " OR (s.window_start >= :w.holeFromTs AND s.window_start < :w.holeToTs)"
          + " OR (s.window_start >= :w.rollupToTs AND s.window_start < :w.toTs))"
          + RAW_VERSION
          + RAW_GROUPS
          + "  UNION ALL "
          + RAW_PIECE
          + " JOIN dirty d ON s.target_id = d.target_id AND s.window_start >= d.bucket_start"
          + " AND s.window_start < d.bucket_start + interval '15 minutes'"
          + " WHERE s.version IS NOT NULL"
          + " AND sample_matches_version(s.target_id, s.window_start, s.version)"
          + RAW_GROUPS
          + ")\n";

  /**
   * Stores samples and brings the rollups of their buckets up to date, in one transaction; a window
   * sent again replaces the earlier copy (pushers retry). Concurrent batches touching a bucket take
   * their turns on it (an advisory lock per target and bucket, taken in one order). When every
   * window is new, which is the usual case, each sample is added to its bucket's rollup (the sums,
   * and its p99 put in window order). A batch that resends any window is stored as a whole over the
   * earlier copies and every bucket it touches is rebuilt from all its samples.
   */
  @Transaction
  default void upsert(List<TelemetrySample> samples) {
    if (samples.isEmpty()) {
      return;
    }
    SampleColumns batch = SampleColumns.of(samples);
    SampleColumns.Buckets buckets = batch.buckets();
    lockBuckets(buckets.parameters());
    // One sample per bucket (each target reports once per batch) needs no grouping.
    int added =
        buckets.targetIds().length == batch.size()
            ? addNewSamples(batch.parameters())
            : addNewSamplesGrouped(batch.parameters());
    if (added < batch.size()) {
      replaceSamples(batch.parameters());
      refreshRollups(buckets.targetIds(), buckets.epochSeconds());
    }
  }

  /**
   * Takes the buckets' advisory locks in ascending key order, so two batches never deadlock;
   * returns how many distinct locks it took.
   */
  @SqlQuery(
      """
      SELECT count(*) FROM (
        SELECT pg_advisory_xact_lock(1010, h) FROM (
          SELECT DISTINCT hashtext(t || '|' || b) AS h
          FROM unnest(CAST(:k.targetIds AS text[]), CAST(:k.epochSeconds AS bigint[])) AS k(t, b)
        ) keys
        ORDER BY h) locks
      """)
  int lockBuckets(@BindMap("k") Map<String, Argument> buckets);

  /** A batch's rows as {@code incoming}: target, window, counts, p99 and label. */
  String INCOMING =
      """
      WITH incoming AS (
        SELECT u.target_id,
               timestamptz 'epoch' + u.start_us * interval '1 microsecond' AS window_start,
               timestamptz 'epoch' + u.end_us * interval '1 microsecond' AS window_end,
               u.requests, u.errors, u.latency_p99_ms, u.crashes, u.version
        FROM unnest(CAST(:b.targetIds AS text[]), CAST(:b.startMicros AS bigint[]),
                    CAST(:b.endMicros AS bigint[]), CAST(:b.requests AS bigint[]),
                    CAST(:b.errors AS bigint[]), CAST(:b.latencyP99Ms AS float8[]),
                    CAST(:b.crashes AS bigint[]), CAST(:b.versions AS text[]))
             AS u(target_id, start_us, end_us, requests, errors, latency_p99_ms, crashes, version)
      )
      """;

  /** {@code added}: the incoming samples whose windows are new, inserted; the others untouched. */
  String ADDED =
      """
      , added AS (
        INSERT INTO telemetry_samples (target_id, window_start, window_end, requests, errors,
                                       latency_p99_ms, crashes, version)
        SELECT target_id, window_start, window_end, requests, errors, latency_p99_ms, crashes,
               version
        FROM incoming
        ON CONFLICT (target_id, window_start) DO NOTHING
        RETURNING target_id, window_start, window_end, requests, errors, latency_p99_ms, crashes,
                  version
      )
      """;

  /**
   * Adds {@code pieces} (rollup rows of added samples) to the rollups: the sums, and the p99s with
   * their window starts appended when they follow the rollup's last one (the usual case: windows
   * arrive in order), merged into window order otherwise. Returns the samples added.
   */
  String ADD_PIECES =
      """
      , grown AS (
        INSERT INTO telemetry_rollups AS r SELECT * FROM pieces
        ON CONFLICT (target_id, bucket_start, version) DO UPDATE SET
          samples = r.samples + EXCLUDED.samples,
          requests = r.requests + EXCLUDED.requests,
          errors = r.errors + EXCLUDED.errors,
          crashes = r.crashes + EXCLUDED.crashes,
          covered_micros = r.covered_micros + EXCLUDED.covered_micros,
          latency_p99_ms = CASE
            WHEN cardinality(EXCLUDED.latency_at) = 0 THEN r.latency_p99_ms
            WHEN cardinality(r.latency_at) = 0
                 OR r.latency_at[cardinality(r.latency_at)] < EXCLUDED.latency_at[1]
              THEN r.latency_p99_ms || EXCLUDED.latency_p99_ms
            ELSE ARRAY(SELECT m.v
                       FROM unnest(r.latency_p99_ms || EXCLUDED.latency_p99_ms,
                                   r.latency_at || EXCLUDED.latency_at) AS m(v, t)
                       ORDER BY m.t) END,
          latency_at = CASE
            WHEN cardinality(EXCLUDED.latency_at) = 0 THEN r.latency_at
            WHEN cardinality(r.latency_at) = 0
                 OR r.latency_at[cardinality(r.latency_at)] < EXCLUDED.latency_at[1]
              THEN r.latency_at || EXCLUDED.latency_at
            ELSE ARRAY(SELECT t FROM unnest(r.latency_at || EXCLUDED.latency_at) AS t
                       ORDER BY t) END
      )
      SELECT count(*) FROM added
      """;

  /**
   * Inserts the samples whose windows are new and adds each to its bucket's rollup, for a batch
   * with at most one sample per target and bucket; returns how many were new. Only {@link #upsert}
   * calls it, under the buckets' locks.
   */
  @SqlQuery(
      INCOMING
          + ADDED
          + """
          , pieces AS (
            SELECT target_id, telemetry_bucket(window_start), coalesce(version, ''), 1, requests,
                   errors, crashes,
                   (extract(epoch FROM window_end - window_start) * 1000000)::bigint,
                   CASE WHEN latency_p99_ms IS NULL THEN '{}'::float8[]
                        ELSE ARRAY[latency_p99_ms] END,
                   CASE WHEN latency_p99_ms IS NULL THEN '{}'::timestamptz[]
                        ELSE ARRAY[window_start] END
            FROM added
          )
          """
          + ADD_PIECES)
  int addNewSamples(@BindMap("b") Map<String, Argument> batch);

  /** {@link #addNewSamples} for a batch with several samples of a bucket: summed per bucket. */
  @SqlQuery(
      INCOMING
          + ADDED
          + """
          , pieces AS (
          """
          + ROLLUP_OF_SAMPLES
          + """
            FROM added
            GROUP BY 1, 2, 3
          )
          """
          + ADD_PIECES)
  int addNewSamplesGrouped(@BindMap("b") Map<String, Argument> batch);

  /**
   * Stores samples over their earlier copies, without touching the rollups: only {@link #upsert}
   * calls it, then rebuilds their buckets.
   */
  @SqlUpdate(
      INCOMING
          + """
          INSERT INTO telemetry_samples (target_id, window_start, window_end, requests, errors,
                                         latency_p99_ms, crashes, version)
          SELECT target_id, window_start, window_end, requests, errors, latency_p99_ms, crashes,
                 version
          FROM incoming
          ON CONFLICT (target_id, window_start) DO UPDATE SET
            window_end = EXCLUDED.window_end, requests = EXCLUDED.requests,
            errors = EXCLUDED.errors, latency_p99_ms = EXCLUDED.latency_p99_ms,
            crashes = EXCLUDED.crashes, version = EXCLUDED.version, received_at = now()
          """)
  int replaceSamples(@BindMap("b") Map<String, Argument> batch);

  /** Rebuilds the rollups of these (target, bucket start in epoch seconds) pairs. */
  @SqlQuery("SELECT refresh_telemetry_rollups(:ids, :buckets) IS NULL")
  boolean refreshRollups(@Bind("ids") String[] ids, @Bind("buckets") long[] buckets);

  /**
   * Rebuilds every rollup whose bucket holds a window start in [from, to), from the samples: for
   * samples loaded in bulk with plain SQL (benches, imports). Returns the rollup rows written.
   */
  @Transaction
  default int rebuildRollups(Timestamp from, Timestamp to) {
    deleteRollupsWithin(from, to);
    return insertRollupsWithin(from, to);
  }

  @SqlUpdate(
      "DELETE FROM telemetry_rollups WHERE bucket_start >= telemetry_bucket(:from)"
          + " AND bucket_start < :to")
  int deleteRollupsWithin(@Bind("from") Timestamp from, @Bind("to") Timestamp to);

  @SqlUpdate(
      """
      INSERT INTO telemetry_rollups
      """
          + ROLLUP_OF_SAMPLES
          + """
      FROM telemetry_samples
      WHERE window_start >= telemetry_bucket(:from) AND window_start < :to
      GROUP BY target_id, telemetry_bucket(window_start), coalesce(version, '')
      """)
  int insertRollupsWithin(@Bind("from") Timestamp from, @Bind("to") Timestamp to);

  /** Sums a cohort's samples whose window starts inside [from, to). */
  @SqlQuery(
      PIECES
          + """
          SELECT count(DISTINCT target_id) AS targets,
                 coalesce(sum(requests), 0) AS requests,
                 coalesce(sum(errors), 0) AS errors
          FROM pieces
          """)
  @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(CohortStats.class)
  CohortStats aggregate(@Bind("targetIds") String[] targetIds, @BindMethods("w") RollupWindow w);

  default CohortStats aggregate(List<String> targetIds, Instant from, Instant to) {
    if (targetIds.isEmpty() || !from.isBefore(to)) {
      return CohortStats.EMPTY;
    }
    return aggregate(targetIds.toArray(String[]::new), RollupWindow.of(from, to));
  }

  /** The pieces as {@link TelemetryFold#add} reads them, each marked with its side of the split. */
  String FOLD_SELECT =
      """
      SELECT target_id, at >= :w.splitTs, samples, requests, errors, crashes, covered_micros,
             latencies
      FROM pieces
      """;

  /**
   * Each target's samples whose window starts inside [from, to): summed counts, the covered share
   * of [from, to) (a target that stopped reporting covers less), and its windows' p99s.
   */
  default List<TargetTelemetryRow> perTarget(List<String> targetIds, Instant from, Instant to) {
    double seconds = java.time.Duration.between(from, to).toMillis() / 1000.0;
    if (targetIds.isEmpty() || seconds <= 0) {
      return List.of();
    }
    TelemetryFold fold =
        TelemetryFold.read(
            getHandle(), targetIds.toArray(String[]::new), RollupWindow.of(from, to));
    List<TargetTelemetryRow> rows = new ArrayList<>();
    fold.targets()
        .forEach(
            (id, sides) -> {
              TelemetryFold.Sums s = sides.after();
              rows.add(
                  new TargetTelemetryRow(
                      id,
                      s.requests,
                      s.errors,
                      s.crashes,
                      Math.min(1.0, s.coveredMicros / 1e6 / seconds),
                      s.latencies()));
            });
    return rows;
  }

  /**
   * Both windows the trust engine reads, in one pass: the health window [h, to) and the baseline
   * window [b, h), summed, with each window's typical p99. Only targets that reported in the health
   * window.
   */
  default List<HealthSummaryRow> healthSummaries(
      String[] targetIds, Timestamp baselineStart, Timestamp healthStart, Timestamp end) {
    Instant h = healthStart.toInstant();
    TelemetryFold fold =
        TelemetryFold.read(
            getHandle(), targetIds, RollupWindow.of(baselineStart.toInstant(), end.toInstant(), h));
    List<HealthSummaryRow> rows = new ArrayList<>();
    fold.targets()
        .forEach(
            (id, sides) -> {
              TelemetryFold.Sums now = sides.after();
              if (now == null || now.samples == 0) {
                return;
              }
              TelemetryFold.Sums before = sides.before();
              rows.add(
                  new HealthSummaryRow(
                      id,
                      now.requests,
                      now.errors,
                      now.crashes,
                      now.coveredMicros / 1e6,
                      now.typicalLatency(),
                      before == null ? 0 : before.requests,
                      before == null ? 0 : before.errors,
                      before == null ? null : before.typicalLatency()));
            });
    return rows;
  }

  /**
   * Retention: drops samples whose window starts before the cutoff, and their rollups (the bucket
   * around the cutoff is rebuilt from the samples it keeps). Returns samples deleted.
   */
  @Transaction
  default int deleteOlderThan(Timestamp cutoff) {
    int deleted = deleteSamplesBefore(cutoff);
    deleteRollupsBefore(Timestamp.from(RollupWindow.floor(cutoff.toInstant())));
    Instant bucket = RollupWindow.floor(cutoff.toInstant());
    if (!bucket.equals(cutoff.toInstant())) {
      rebuildRollups(Timestamp.from(bucket), Timestamp.from(bucket.plus(RollupWindow.BUCKET)));
    }
    return deleted;
  }

  @SqlUpdate("DELETE FROM telemetry_samples WHERE window_start < :cutoff")
  int deleteSamplesBefore(@Bind("cutoff") Timestamp cutoff);

  @SqlUpdate("DELETE FROM telemetry_rollups WHERE bucket_start < :bucket")
  int deleteRollupsBefore(@Bind("bucket") Timestamp bucket);
}
