package io.waveguard.activities.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waveguard.activities.TestDatabase;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Snapshots stored with the binary COPY read back as they were written, nulls and all. */
class TrustSnapshotCopyTest {

  private static final Instant AT = Instant.parse("2026-03-01T10:00:00.123456Z");

  @Test
  void everyColumnRoundTripsIncludingNullsAndTheModelPutBackIntoTheInputs() {
    Jdbi jdbi = TestDatabase.migrated();
    TrustSnapshotRow inRelease =
        new TrustSnapshotRow(
            0,
            "a",
            AT,
            "plan",
            "rel-1",
            3,
            0.9,
            0.8125,
            0.75,
            0.5,
            12.5,
            10.25,
            1.5,
            11.0,
            2.5,
            1.2,
            0.0123456789012345,
            "{\"tier\": \"low\", \"ünïcode\": \"ü\"}");
    TrustSnapshotRow outsideAny =
        new TrustSnapshotRow(
            0,
            "b",
            AT.plusSeconds(1),
            "outcome",
            null,
            null,
            0.1,
            0.05,
            0.1,
            null,
            0,
            0,
            0,
            1,
            1,
            4.0,
            3.8,
            "{\"indicators\": null}");

    jdbi.useTransaction(
        h ->
            h.attach(TrustDao.class)
                .insertSnapshots(List.of(inRelease, outsideAny), "{\"halfLifeDays\": 30}"));

    TrustSnapshotRow a = jdbi.withExtension(TrustDao.class, dao -> dao.history("a", 1)).get(0);
    TrustSnapshotRow b = jdbi.withExtension(TrustDao.class, dao -> dao.history("b", 1)).get(0);
    assertThat(a.id()).isPositive();
    assertThat(withoutIdAndInputs(a)).isEqualTo(withoutIdAndInputs(inRelease));
    assertThat(withoutIdAndInputs(b)).isEqualTo(withoutIdAndInputs(outsideAny));
    assertThat(a.inputs()).contains("\"ünïcode\": \"ü\"").contains("\"halfLifeDays\": 30");
    assertThat(b.inputs()).contains("\"indicators\": null").contains("\"model\"");
  }

  @Test
  void aRowThatFailsToBuildMidStreamLeavesNoSnapshotAndTheConnectionUsable() {
    Jdbi jdbi = TestDatabase.migrated();
    // Rows built as they are sent: the third throws after two went to the server.
    Iterable<TrustSnapshotRow> rows =
        () ->
            java.util.stream.IntStream.range(0, 3)
                .mapToObj(
                    i -> {
                      if (i == 2) {
                        throw new IllegalArgumentException("inputs of failing-2 not serializable");
                      }
                      return snapshot("failing-" + i);
                    })
                .iterator();

    assertThatThrownBy(
            () ->
                jdbi.useHandle(
                    h ->
                        h.useTransaction(
                            t -> t.attach(TrustDao.class).insertSnapshots(rows, 3, null))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("failing-2");

    assertThat(history(jdbi, "failing-0")).isEmpty();
    jdbi.useTransaction(
        h -> h.attach(TrustDao.class).insertSnapshots(List.of(snapshot("after")), null));
    assertThat(history(jdbi, "after")).hasSize(1);
  }

  @Test
  void fewerRowsThanPromisedRollBackTheWholeCopy() {
    Jdbi jdbi = TestDatabase.migrated();
    List<TrustSnapshotRow> two = List.of(snapshot("short-0"), snapshot("short-1"));

    assertThatThrownBy(
            () ->
                jdbi.useTransaction(
                    h ->
                        h.attach(TrustDao.class).insertSnapshots(two, 3, "{\"halfLifeDays\": 30}")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("expected 3 trust snapshots");

    assertThat(history(jdbi, "short-0")).isEmpty();
  }

  private static List<TrustSnapshotRow> history(Jdbi jdbi, String targetId) {
    return jdbi.withExtension(TrustDao.class, dao -> dao.history(targetId, 5));
  }

  private static TrustSnapshotRow snapshot(String targetId) {
    return new TrustSnapshotRow(
        0, targetId, AT, "plan", null, null, 0.5, 0.4, 0.5, null, 1, 1, 0, 2, 1, 1.0, 0.6, "{}");
  }

  private static TrustSnapshotRow withoutIdAndInputs(TrustSnapshotRow r) {
    return new TrustSnapshotRow(
        0,
        r.targetId(),
        r.computedAt(),
        r.cause(),
        r.releaseId(),
        r.wave(),
        r.mean(),
        r.lowerBound(),
        r.historyMean(),
        r.health(),
        r.evidence(),
        r.good(),
        r.bad(),
        r.posteriorAlpha(),
        r.posteriorBeta(),
        r.impact(),
        r.risk(),
        "");
  }
}
