package io.waveguard.activities.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.activities.TestDatabase;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * No snapshot names a missing model (what V14's dropped foreign key used to check): a model is
 * written with its snapshots in one transaction, and retention deletes only models no snapshot
 * refers to, even while a computation is being stored.
 */
class TrustModelsTest {

  private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void retentionKeepsEveryModelASnapshotNamesAndDropsTheOthers() {
    Jdbi jdbi = TestDatabase.migrated();
    jdbi.useTransaction(
        h -> h.attach(TrustDao.class).insertSnapshots(List.of(snapshot("kept")), "{\"v\": 1}"));
    long orphan = jdbi.withExtension(TrustDao.class, dao -> dao.insertModel("{\"v\": 2}"));

    int deleted = jdbi.withExtension(TrustDao.class, TrustDao::deleteUnusedModels);

    assertThat(deleted).isEqualTo(1);
    assertThat(modelIds(jdbi)).doesNotContain(orphan).hasSize(1);
    assertThat(snapshotsWithoutTheirModel(jdbi)).isZero();
    assertThat(jdbi.withExtension(TrustDao.class, dao -> dao.history("kept", 1)).get(0).inputs())
        .contains("\"v\": 1");
  }

  @Test
  void aModelBeingStoredWithItsSnapshotsIsNotPrunedByARetentionRunMeanwhile() {
    Jdbi jdbi = TestDatabase.migrated();
    try (Handle storing = jdbi.open()) {
      storing.begin();
      storing
          .attach(TrustDao.class)
          .insertSnapshots(List.of(snapshot("a"), snapshot("b")), "{\"v\": 3}");

      // Another connection's retention run while the computation is not yet committed.
      int deleted = jdbi.withExtension(TrustDao.class, TrustDao::deleteUnusedModels);
      storing.commit();

      assertThat(deleted).isZero();
    }
    assertThat(modelIds(jdbi)).hasSize(1);
    assertThat(snapshotsWithoutTheirModel(jdbi)).isZero();
  }

  private static List<Long> modelIds(Jdbi jdbi) {
    return jdbi.withHandle(
        h -> h.createQuery("SELECT id FROM trust_models").mapTo(Long.class).list());
  }

  private static long snapshotsWithoutTheirModel(Jdbi jdbi) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT count(*) FROM trust_snapshots s WHERE s.model_id IS NOT NULL"
                        + " AND NOT EXISTS (SELECT 1 FROM trust_models m WHERE m.id = s.model_id)")
                .mapTo(Long.class)
                .one());
  }

  private static TrustSnapshotRow snapshot(String targetId) {
    return new TrustSnapshotRow(
        0, targetId, AT, "plan", null, null, 0.5, 0.4, 0.5, null, 1, 1, 0, 2, 1, 1.0, 0.6, "{}");
  }
}
