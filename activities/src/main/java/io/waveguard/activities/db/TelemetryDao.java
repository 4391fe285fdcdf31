package io.waveguard.activities.db;

import io.waveguard.policy.model.CohortStats;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Pushed telemetry: stored per target and window, aggregated per cohort for gates. Every read
 * leaves out samples labelled with another build than the one the target ran at the time ({@code
 * sample_matches_version}), so a stale agent's numbers are never credited to a release.
 */
public interface TelemetryDao {

  /** Stores samples; a window sent again replaces the earlier copy (pushers retry). */
  @SqlBatch(
      """
      INSERT INTO telemetry_samples (target_id, window_start, window_end, requests, errors,
                                     latency_p99_ms, crashes, version)
      VALUES (:targetId, :windowStart, :windowEnd, :requests, :errors, :latencyP99Ms, :crashes,
              :version)
      ON CONFLICT (target_id, window_start) DO UPDATE SET
        window_end = EXCLUDED.window_end, requests = EXCLUDED.requests,
        errors = EXCLUDED.errors, latency_p99_ms = EXCLUDED.latency_p99_ms,
        crashes = EXCLUDED.crashes, version = EXCLUDED.version, received_at = now()
      """)
  void upsert(@BindMethods List<TelemetrySample> samples);

  /** Sums a cohort's samples whose window starts inside [from, to). */
  @SqlQuery(
      """
      SELECT count(DISTINCT target_id) AS targets,
             coalesce(sum(requests), 0) AS requests,
             coalesce(sum(errors), 0) AS errors
      FROM telemetry_samples
      WHERE target_id = ANY(:targetIds) AND window_start >= :from AND window_start < :to
        AND (version IS NULL OR sample_matches_version(target_id, window_start, version))
      """)
  @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(CohortStats.class)
  CohortStats aggregate(
      @Bind("targetIds") String[] targetIds,
      @Bind("from") Timestamp from,
      @Bind("to") Timestamp to);

  default CohortStats aggregate(List<String> targetIds, Instant from, Instant to) {
    if (targetIds.isEmpty()) {
      return CohortStats.EMPTY;
    }
    return aggregate(targetIds.toArray(String[]::new), Timestamp.from(from), Timestamp.from(to));
  }

  /**
   * Each target's samples whose window starts inside [from, to): summed counts, the covered share
   * of [from, to) (a target that stopped reporting covers less), and its windows' p99s in order.
   */
  @SqlQuery(
      """
      SELECT target_id,
             sum(requests) AS requests,
             sum(errors) AS errors,
             sum(crashes) AS crashes,
             least(1.0, extract(epoch FROM sum(window_end - window_start))
                        / :seconds) AS availability,
             coalesce(array_agg(latency_p99_ms ORDER BY window_start)
                      FILTER (WHERE latency_p99_ms IS NOT NULL), '{}') AS latencies
      FROM telemetry_samples
      WHERE target_id = ANY(:targetIds) AND window_start >= :from AND window_start < :to
        AND (version IS NULL OR sample_matches_version(target_id, window_start, version))
      GROUP BY target_id
      """)
  @org.jdbi.v3.sqlobject.config.RegisterRowMapper(TargetTelemetryRowMapper.class)
  List<TargetTelemetryRow> perTarget(
      @Bind("targetIds") String[] targetIds,
      @Bind("from") Timestamp from,
      @Bind("to") Timestamp to,
      @Bind("seconds") double seconds);

  default List<TargetTelemetryRow> perTarget(List<String> targetIds, Instant from, Instant to) {
    double seconds = java.time.Duration.between(from, to).toMillis() / 1000.0;
    if (targetIds.isEmpty() || seconds <= 0) {
      return List.of();
    }
    return perTarget(
        targetIds.toArray(String[]::new), Timestamp.from(from), Timestamp.from(to), seconds);
  }

  /**
   * Both windows the trust engine reads, in one pass over the samples: the health window [h, to)
   * and the baseline window [b, h), summed, with each window's median p99. Only targets that
   * reported in the health window.
   */
  @SqlQuery(
      """
      SELECT target_id,
             sum(requests) FILTER (WHERE window_start >= :h) AS requests,
             sum(errors) FILTER (WHERE window_start >= :h) AS errors,
             sum(crashes) FILTER (WHERE window_start >= :h) AS crashes,
             extract(epoch FROM sum(window_end - window_start)
                                FILTER (WHERE window_start >= :h)) AS covered_seconds,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_p99_ms)
                 FILTER (WHERE window_start >= :h) AS p99,
             coalesce(sum(requests) FILTER (WHERE window_start < :h), 0) AS baseline_requests,
             coalesce(sum(errors) FILTER (WHERE window_start < :h), 0) AS baseline_errors,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_p99_ms)
                 FILTER (WHERE window_start < :h) AS baseline_p99
      FROM telemetry_samples
      WHERE target_id = ANY(:targetIds) AND window_start >= :b AND window_start < :to
        AND (version IS NULL OR sample_matches_version(target_id, window_start, version))
      GROUP BY target_id
      HAVING count(*) FILTER (WHERE window_start >= :h) > 0
      """)
  @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(HealthSummaryRow.class)
  List<HealthSummaryRow> healthSummaries(
      @Bind("targetIds") String[] targetIds,
      @Bind("b") Timestamp baselineStart,
      @Bind("h") Timestamp healthStart,
      @Bind("to") Timestamp end);

  /** Retention: drops samples older than the cutoff. Returns rows deleted. */
  @SqlUpdate("DELETE FROM telemetry_samples WHERE window_start < :cutoff")
  int deleteOlderThan(@Bind("cutoff") Timestamp cutoff);
}
