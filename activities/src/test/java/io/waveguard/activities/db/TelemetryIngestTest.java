package io.waveguard.activities.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.activities.TestDatabase;
import io.waveguard.policy.model.CohortStats;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The write path keeps each bucket's rollup equal to a rebuild from its samples, however a batch
 * mixes windows new to their bucket with windows sent again, windows out of order, copies of one
 * window, label changes, and batches on the same buckets at the same time.
 */
class TelemetryIngestTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private Jdbi jdbi;
  private TelemetryDao dao;

  @BeforeEach
  void freshDatabase() {
    jdbi = TestDatabase.migrated();
    dao = jdbi.onDemand(TelemetryDao.class);
  }

  @Test
  void aBatchOfNewAndResentWindowsLeavesTheRollupsARebuildWouldWrite() {
    SplittableRandom random = new SplittableRandom(7);
    List<TelemetrySample> first = new ArrayList<>();
    for (int minute = 0; minute < 40; minute += 2) {
      first.add(sample(random, "a", minute, null));
      first.add(sample(random, "b", minute, minute % 4 == 0 ? "1.0" : null));
    }
    dao.upsert(first);
    // Resent windows with other numbers and labels, the odd minutes between them (out of order
    // inside their buckets), and windows after them, in one batch.
    List<TelemetrySample> mixed = new ArrayList<>();
    for (int minute = 39; minute >= 0; minute--) {
      mixed.add(sample(random, "a", minute, minute % 3 == 0 ? "1.1" : null));
      if (minute % 2 == 1) {
        mixed.add(sample(random, "b", minute, "1.0"));
      }
    }
    for (int minute = 40; minute < 50; minute++) {
      mixed.add(sample(random, "c", minute, null));
    }
    dao.upsert(mixed);

    assertThat(rollups()).isNotEmpty().isEqualTo(rebuilt());
    assertThat(storedSamples()).isEqualTo(40 + 40 + 10);
  }

  @Test
  void aWindowEarlierThanItsBucketsLastIsPutInWindowOrder() {
    dao.upsert(List.of(sample("a", 5, 50.0), sample("a", 9, 90.0)));
    dao.upsert(List.of(sample("a", 1, 10.0), sample("a", 7, 70.0)));
    dao.upsert(List.of(sample("a", 12, 120.0), sample("a", 3, null)));

    assertThat(
            text(
                "SELECT latency_p99_ms::text || ' ' || latency_at::text || ' '"
                    + " || samples FROM telemetry_rollups"))
        .isEqualTo(
            "{10,50,70,90,120} {\"2026-03-01 10:01:00+00\",\"2026-03-01 10:05:00+00\","
                + "\"2026-03-01 10:07:00+00\",\"2026-03-01 10:09:00+00\","
                + "\"2026-03-01 10:12:00+00\"} 6");
    assertThat(rollups()).isEqualTo(rebuilt());
  }

  @Test
  void batchesOfOneSamplePerBucketInAnyOrderLeaveTheRollupsARebuildWouldWrite() {
    SplittableRandom random = new SplittableRandom(11);
    for (int minute : new int[] {3, 7, 1, 14, 0, 9, 2, 15, 30, 16}) {
      List<TelemetrySample> batch = new ArrayList<>();
      for (String target : List.of("a", "b", "c")) {
        batch.add(sample(random, target, minute, target.equals("c") ? "1.0" : null));
      }
      dao.upsert(batch);
    }

    assertThat(rollups()).hasSize(9).isEqualTo(rebuilt());
  }

  @Test
  void aWindowSentTwiceInOneBatchKeepsItsLastCopy() {
    dao.upsert(
        List.of(
            new TelemetrySample("a", T0, T0.plusSeconds(60), 100, 1, 80.0, 0),
            new TelemetrySample("a", T0, T0.plusSeconds(60), 200, 2, 90.0, 0, "2.0"),
            new TelemetrySample("a", T0.plusSeconds(60), T0.plusSeconds(120), 10, 0, null, 0),
            new TelemetrySample("a", T0, T0.plusSeconds(30), 300, 3, 95.0, 1)));

    assertThat(dao.aggregate(List.of("a"), T0, T0.plusSeconds(3600)))
        .isEqualTo(new CohortStats(1, 310, 3));
    assertThat(storedSamples()).isEqualTo(2);
    assertThat(rollups()).isEqualTo(rebuilt());
  }

  @Test
  void aResentWindowWithAnotherLabelLeavesNoRollupUnderTheOldOne() {
    dao.upsert(List.of(labelled("a", 0, "1.0"), sample("a", 1, 81.0)));
    dao.upsert(List.of(labelled("a", 0, "2.0")));

    assertThat(rollups())
        .isEqualTo(rebuilt())
        .hasSize(2)
        .noneMatch(row -> row.startsWith("a|2026-03-01 10:00:00+00|1.0|"));
  }

  @Test
  void concurrentBatchesOnTheSameBucketsLoseNoSampleAndDoNotDeadlock() throws Exception {
    int clients = 6;
    int rounds = 15;
    List<String> targets = List.of("t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8");
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> runs = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      runs.add(
          pool.submit(
              () -> {
                SplittableRandom random = new SplittableRandom(client);
                start.await();
                for (int round = 0; round < rounds; round++) {
                  List<TelemetrySample> batch = new ArrayList<>();
                  // Each client's own minutes, in every target and in reverse target order for
                  // every other client, plus minutes every client sends (resent windows).
                  List<String> order = new ArrayList<>(targets);
                  if (client % 2 == 1) {
                    java.util.Collections.reverse(order);
                  }
                  for (String target : order) {
                    batch.add(sample(random, target, round * clients + client, null));
                    batch.add(sample(random, target, round % 5, client % 2 == 0 ? null : "1.0"));
                  }
                  dao.upsert(batch);
                }
                return null;
              }));
    }
    start.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
    for (Future<?> run : runs) {
      run.get();
    }

    assertThat(storedSamples()).isEqualTo(targets.size() * clients * rounds);
    assertThat(rollups()).isEqualTo(rebuilt());
  }

  private static TelemetrySample sample(
      SplittableRandom random, String target, int minute, String version) {
    Instant start = T0.plusSeconds(60L * minute);
    Double p99 = random.nextInt(5) == 0 ? null : 50 + random.nextInt(100) / 4.0;
    return new TelemetrySample(
        target,
        start,
        start.plusSeconds(random.nextBoolean() ? 60 : 45),
        500 + random.nextInt(500),
        random.nextInt(5),
        p99,
        random.nextInt(2),
        version);
  }

  private static TelemetrySample sample(String target, int minute, Double p99) {
    Instant start = T0.plusSeconds(60L * minute);
    return new TelemetrySample(target, start, start.plusSeconds(60), 100, 1, p99, 0);
  }

  private static TelemetrySample labelled(String target, int minute, String version) {
    Instant start = T0.plusSeconds(60L * minute);
    return new TelemetrySample(target, start, start.plusSeconds(60), 100, 1, 80.0, 0, version);
  }

  private int storedSamples() {
    return jdbi.withHandle(
        h -> h.select("SELECT count(*) FROM telemetry_samples").mapTo(Integer.class).one());
  }

  private String text(String sql) {
    return jdbi.withHandle(h -> h.select(sql).mapTo(String.class).one());
  }

  /** Every rollup row as text, in key order. */
  private List<String> rollups() {
    return jdbi.withHandle(
        h ->
            h.select(
                    "SELECT concat_ws('|', target_id, bucket_start, version, samples, requests,"
                        + " errors, crashes, covered_micros, latency_p99_ms, latency_at)"
                        + " FROM telemetry_rollups ORDER BY target_id, bucket_start, version")
                .mapTo(String.class)
                .list());
  }

  /** The rollups rebuilt from the samples alone, as {@link #rollups()} shows them. */
  private List<String> rebuilt() {
    dao.rebuildRollups(Timestamp.from(Instant.EPOCH), Timestamp.from(T0.plusSeconds(86_400)));
    return rollups();
  }
}
