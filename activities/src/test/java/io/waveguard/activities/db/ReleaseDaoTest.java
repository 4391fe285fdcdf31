package io.waveguard.activities.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.activities.TestDatabase;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Strategy;
import io.waveguard.workflows.activities.ReleaseSnapshot;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReleaseDaoTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private ReleaseDao releases;

  @BeforeEach
  void freshDatabase() {
    releases = TestDatabase.migrated().onDemand(ReleaseDao.class);
  }

  @Test
  void newerSnapshotReplacesOlder() {
    releases.recordSnapshot(snapshot(ReleaseStatus.RUNNING, 1, T0));

    int changed = releases.recordSnapshot(snapshot(ReleaseStatus.RUNNING, 2, T0.plusSeconds(60)));

    assertThat(changed).isEqualTo(1);
    assertThat(releases.find("r1")).get().extracting(ReleaseRow::currentWave).isEqualTo(2);
  }

  @Test
  void olderSnapshotNeverOverwritesNewer() {
    releases.recordSnapshot(snapshot(ReleaseStatus.COMPLETED, 3, T0.plusSeconds(60)));

    int changed = releases.recordSnapshot(snapshot(ReleaseStatus.RUNNING, 1, T0));

    assertThat(changed).isZero();
    ReleaseRow row = releases.find("r1").orElseThrow();
    assertThat(row.status()).isEqualTo("COMPLETED");
    assertThat(row.currentWave()).isEqualTo(3);
  }

  @Test
  void insertIfAbsentKeepsTheExistingRelease() {
    releases.insertIfAbsent("r1", "pay", "1.0", "waves", "{\"a\":1}");
    releases.recordSnapshot(snapshot(ReleaseStatus.RUNNING, 1, T0));

    releases.insertIfAbsent("r1", "pay", "2.0", "canary", "{\"b\":2}");

    ReleaseRow row = releases.find("r1").orElseThrow();
    assertThat(row.version()).isEqualTo("1.0");
    assertThat(row.status()).isEqualTo("RUNNING");
    assertThat(row.specJson()).contains("\"a\"");
  }

  @Test
  void listFiltersByServiceAndStatus() {
    releases.insertIfAbsent("r1", "pay", "1.0", "waves", "{}");
    releases.insertIfAbsent("r2", "search", "1.0", "waves", "{}");
    releases.recordSnapshot(snapshot(ReleaseStatus.RUNNING, 1, T0));

    assertThat(releases.list("pay", null, 10)).extracting(ReleaseRow::releaseId).containsOnly("r1");
    assertThat(releases.list(null, "PLANNING", 10))
        .extracting(ReleaseRow::releaseId)
        .containsOnly("r2");
  }

  @Test
  void statusIsTheLastRecordedOneAndEmptyForAnUnknownRelease() {
    releases.insertIfAbsent("r1", "pay", "1.0", "waves", "{}");
    assertThat(releases.status("r1")).contains("PLANNING");

    releases.recordSnapshot(snapshot(ReleaseStatus.ROLLED_BACK, 2, T0));

    assertThat(releases.status("r1")).contains("ROLLED_BACK");
    assertThat(releases.status("ghost")).isEmpty();
  }

  private static ReleaseSnapshot snapshot(ReleaseStatus status, int wave, Instant at) {
    return new ReleaseSnapshot("r1", "pay", "1.0", Strategy.WAVES, status, wave, 3, "why", at);
  }
}
