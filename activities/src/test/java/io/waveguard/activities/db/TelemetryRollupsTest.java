package io.waveguard.activities.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.waveguard.activities.TestDatabase;
import io.waveguard.policy.model.CohortStats;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gate's and the trust engine's inputs read through the rollups equal what the samples alone
 * say, on the same data: windows aligned to buckets and not, shorter than a bucket, split inside a
 * bucket; samples of 30 and 60 seconds with gaps and without latency; windows sent again with other
 * numbers; version labels on targets whose build changes inside a bucket (a deploy at 10:47, a
 * rollback at 11:35) and on a bucket boundary. The reference reads are the queries the DAO ran over
 * {@code telemetry_samples} before the rollups existed.
 */
class TelemetryRollupsTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final List<String> TARGETS =
      List.of("plain-1", "plain-2", "short-windows", "gappy", "moved", "on-boundary", "control");

  private Jdbi jdbi;
  private TelemetryDao dao;

  @BeforeEach
  void data() {
    jdbi = TestDatabase.migrated();
    dao = jdbi.onDemand(TelemetryDao.class);
    jdbi.useExtension(
        DeploymentDao.class,
        d ->
            d.insertPending(
                "r", List.of("moved", "on-boundary", "control"), List.of(1, 1, 2), "2.0"));
    jdbi.useHandle(
        h -> {
          h.execute(
              "UPDATE deployments SET state = 'ROLLED_BACK', deployed_at = ?, rolled_back_at = ?"
                  + " WHERE target_id = 'moved'",
              Timestamp.from(T0.plus(Duration.ofSeconds(47 * 60 + 13))),
              Timestamp.from(T0.plus(Duration.ofSeconds(95 * 60 + 30))));
          h.execute(
              "UPDATE deployments SET state = 'DEPLOYED', deployed_at = ? WHERE target_id ="
                  + " 'on-boundary'",
              Timestamp.from(T0.plus(Duration.ofMinutes(60))));
        });
    SplittableRandom random = new SplittableRandom(14);
    List<TelemetrySample> samples = new ArrayList<>();
    for (String target : TARGETS) {
      int step = target.equals("short-windows") ? 30 : 60;
      for (int second = 0; second < 3 * 3600; second += step) {
        if (target.equals("gappy") && (second / 600) % 3 == 1) {
          continue; // silent for ten minutes in every thirty
        }
        samples.add(sample(random, target, second, step));
      }
    }
    for (int i = 0; i < samples.size(); i += 500) {
      dao.upsert(samples.subList(i, Math.min(samples.size(), i + 500)));
    }
    // Pushers retry: a few windows sent again with other numbers (and labels) replace the first.
    List<TelemetrySample> again = new ArrayList<>();
    for (int i = 0; i < samples.size(); i += 37) {
      TelemetrySample s = samples.get(i);
      again.add(
          sample(
              random,
              s.targetId(),
              (int) Duration.between(T0, s.windowStart()).toSeconds(),
              (int) Duration.between(s.windowStart(), s.windowEnd()).toSeconds()));
    }
    dao.upsert(again);
  }

  @Test
  void everyReadFromRollupsEqualsTheReadFromSamples() {
    List<Instant[]> windows =
        List.of(
            window(0, 180 * 60), // everything, aligned
            window(60, 60 * 60), // the trust engine's 60 minutes, unaligned
            window(7 * 60 + 11, 121 * 60 + 5), // odd seconds at both ends
            window(40 * 60, 55 * 60), // one bucket, unaligned, across the deploy at 10:47
            window(46 * 60, 49 * 60), // shorter than a bucket
            window(45 * 60, 105 * 60), // aligned, across deploy and rollback
            window(90 * 60, 90 * 60 + 1)); // one second
    for (Instant[] w : windows) {
      String where = w[0] + " .. " + w[1];
      assertThat(dao.aggregate(TARGETS, w[0], w[1])).as(where).isEqualTo(aggregateFromSamples(w));
      assertSameRows(dao.perTarget(TARGETS, w[0], w[1]), perTargetFromSamples(w), where);
    }
    // The trust engine's split: a baseline and a health window, the split inside a bucket or on
    // one.
    for (int[] split :
        new int[][] {
          {0, 135 * 60, 150 * 60}, {17, 46 * 60 + 3, 62 * 60 + 9}, {30 * 60, 45 * 60, 90 * 60}
        }) {
      Instant b = T0.plusSeconds(split[0]);
      Instant h = T0.plusSeconds(split[1]);
      Instant to = T0.plusSeconds(split[2]);
      assertSameSummaries(
          dao.healthSummaries(
              TARGETS.toArray(String[]::new),
              Timestamp.from(b),
              Timestamp.from(h),
              Timestamp.from(to)),
          healthFromSamples(b, h, to),
          b + " | " + h + " | " + to);
    }
  }

  @Test
  void retentionDropsTheRollupsOfWhatItDeletes() {
    Instant cutoff = T0.plusSeconds(50 * 60 + 30);
    dao.deleteOlderThan(Timestamp.from(cutoff));
    Instant[] all = window(0, 180 * 60);
    assertThat(dao.aggregate(TARGETS, all[0], all[1])).isEqualTo(aggregateFromSamples(all));
    assertSameRows(
        dao.perTarget(TARGETS, all[0], all[1]), perTargetFromSamples(all), "after retention");
    int staleRollups =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM telemetry_rollups WHERE bucket_start < ?")
                    .bind(0, Timestamp.from(T0.plusSeconds(45 * 60)))
                    .mapTo(Integer.class)
                    .one());
    assertThat(staleRollups).isZero();
  }

  private static Instant[] window(int fromSecond, int toSecond) {
    return new Instant[] {T0.plusSeconds(fromSecond), T0.plusSeconds(toSecond)};
  }

  private static TelemetrySample sample(
      SplittableRandom random, String target, int second, int length) {
    Instant start = T0.plusSeconds(second);
    long requests = 500 + random.nextInt(1_000);
    long errors = random.nextInt(8);
    Double p99 = random.nextInt(10) == 0 ? null : 80 + random.nextInt(400) / 4.0;
    String version =
        switch (target) {
          case "moved", "on-boundary" -> random.nextBoolean() ? "2.0" : "1.9";
          case "control" -> random.nextInt(4) == 0 ? "2.0" : null;
          default -> null;
        };
    return new TelemetrySample(
        target,
        start,
        start.plusSeconds(length),
        requests,
        errors,
        p99,
        random.nextInt(3) / 2,
        version);
  }

  private static void assertSameRows(
      List<TargetTelemetryRow> rollups, List<TargetTelemetryRow> samples, String where) {
    Map<String, TargetTelemetryRow> expected = byTarget(samples, TargetTelemetryRow::targetId);
    Map<String, TargetTelemetryRow> actual = byTarget(rollups, TargetTelemetryRow::targetId);
    assertThat(actual.keySet()).as(where).isEqualTo(expected.keySet());
    expected.forEach(
        (id, e) -> {
          TargetTelemetryRow a = actual.get(id);
          assertThat(a.requests()).as(where + " " + id).isEqualTo(e.requests());
          assertThat(a.errors()).as(where + " " + id).isEqualTo(e.errors());
          assertThat(a.crashes()).as(where + " " + id).isEqualTo(e.crashes());
          assertThat(a.availability())
              .as(where + " " + id)
              .isCloseTo(e.availability(), within(1e-12));
          // Every window's p99, each once; readers use them as a multiset, in no order.
          assertThat(a.latencyP99Ms())
              .as(where + " " + id)
              .containsExactlyInAnyOrderElementsOf(e.latencyP99Ms());
        });
    assertThat(expected).as(where + ": some data").isNotEmpty();
  }

  private static void assertSameSummaries(
      List<HealthSummaryRow> rollups, List<HealthSummaryRow> samples, String where) {
    Map<String, HealthSummaryRow> expected = byTarget(samples, HealthSummaryRow::targetId);
    Map<String, HealthSummaryRow> actual = byTarget(rollups, HealthSummaryRow::targetId);
    assertThat(actual.keySet()).as(where).isEqualTo(expected.keySet());
    assertThat(expected).as(where + ": some data").isNotEmpty();
    expected.forEach(
        (id, e) -> {
          HealthSummaryRow a = actual.get(id);
          assertThat(a.requests()).as(where + " " + id).isEqualTo(e.requests());
          assertThat(a.errors()).as(where + " " + id).isEqualTo(e.errors());
          assertThat(a.crashes()).as(where + " " + id).isEqualTo(e.crashes());
          assertThat(a.coveredSeconds())
              .as(where + " " + id)
              .isCloseTo(e.coveredSeconds(), within(1e-9));
          assertThat(a.p99()).as(where + " " + id).isEqualTo(e.p99());
          assertThat(a.baselineRequests()).as(where + " " + id).isEqualTo(e.baselineRequests());
          assertThat(a.baselineErrors()).as(where + " " + id).isEqualTo(e.baselineErrors());
          assertThat(a.baselineP99()).as(where + " " + id).isEqualTo(e.baselineP99());
        });
  }

  private static <T> Map<String, T> byTarget(List<T> rows, Function<T, String> id) {
    return rows.stream().collect(Collectors.toMap(id, r -> r));
  }

  // The reads as they were before rollups: straight over telemetry_samples.

  private CohortStats aggregateFromSamples(Instant[] w) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    SELECT count(DISTINCT target_id) AS targets,
                           coalesce(sum(requests), 0) AS requests,
                           coalesce(sum(errors), 0) AS errors
                    FROM telemetry_samples
                    WHERE target_id = ANY(:targetIds) AND window_start >= :from AND window_start < :to
                      AND (version IS NULL OR sample_matches_version(target_id, window_start, version))
                    """)
                .bind("targetIds", TARGETS.toArray(String[]::new))
                .bind("from", Timestamp.from(w[0]))
                .bind("to", Timestamp.from(w[1]))
                .map((rs, ctx) -> new CohortStats(rs.getInt(1), rs.getLong(2), rs.getLong(3)))
                .one());
  }

  private List<TargetTelemetryRow> perTargetFromSamples(Instant[] w) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
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
                .bind("targetIds", TARGETS.toArray(String[]::new))
                .bind("from", Timestamp.from(w[0]))
                .bind("to", Timestamp.from(w[1]))
                .bind("seconds", Duration.between(w[0], w[1]).toMillis() / 1000.0)
                .map(new TargetTelemetryRowMapper())
                .list());
  }

  private List<HealthSummaryRow> healthFromSamples(Instant b, Instant hs, Instant to) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
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
                .bind("targetIds", TARGETS.toArray(String[]::new))
                .bind("b", Timestamp.from(b))
                .bind("h", Timestamp.from(hs))
                .bind("to", Timestamp.from(to))
                .map(
                    (rs, ctx) ->
                        new HealthSummaryRow(
                            rs.getString("target_id"),
                            rs.getLong("requests"),
                            rs.getLong("errors"),
                            rs.getLong("crashes"),
                            rs.getDouble("covered_seconds"),
                            (Double) rs.getObject("p99"),
                            rs.getLong("baseline_requests"),
                            rs.getLong("baseline_errors"),
                            (Double) rs.getObject("baseline_p99")))
                .list());
  }
}
