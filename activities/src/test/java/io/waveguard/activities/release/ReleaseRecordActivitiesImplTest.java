package io.waveguard.activities.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.testing.TestActivityEnvironment;
import io.waveguard.activities.TestDatabase;
import io.waveguard.activities.db.ReleaseDao;
import io.waveguard.activities.db.ReleaseRow;
import io.waveguard.activities.observability.ReleaseMetrics;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Strategy;
import io.waveguard.workflows.activities.ReleaseRecordActivities;
import io.waveguard.workflows.activities.ReleaseSnapshot;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReleaseRecordActivitiesImplTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private Jdbi jdbi;
  private TestActivityEnvironment env;
  private ReleaseRecordActivities records;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @BeforeEach
  void setUp() {
    jdbi = TestDatabase.migrated();
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new ReleaseRecordActivitiesImpl(jdbi, new ReleaseMetrics(registry)));
    records = env.newActivityStub(ReleaseRecordActivities.class);
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void latestSnapshotWinsEvenWhenAnOlderOneIsRetriedAfterIt() {
    records.recordRelease(snapshot(ReleaseStatus.RUNNING, 1, T0));
    records.recordRelease(snapshot(ReleaseStatus.ROLLED_BACK, 2, T0.plusSeconds(600)));

    records.recordRelease(snapshot(ReleaseStatus.RUNNING, 2, T0.plusSeconds(300)));

    ReleaseRow row = jdbi.withExtension(ReleaseDao.class, dao -> dao.find("r1")).orElseThrow();
    assertThat(row.status()).isEqualTo("ROLLED_BACK");
    assertThat(row.reason()).isEqualTo("ROLLED_BACK at wave 2");
    assertThat(row.strategy()).isEqualTo("trust-weighted");
  }

  @Test
  void aFinishedReleaseCountsOnceHoweverOftenItsSnapshotIsRecorded() {
    records.recordRelease(snapshot(ReleaseStatus.RUNNING, 1, T0));
    records.recordRelease(snapshot(ReleaseStatus.COMPLETED, 3, T0.plusSeconds(600)));
    records.recordRelease(snapshot(ReleaseStatus.COMPLETED, 3, T0.plusSeconds(600)));

    assertThat(
            registry
                .get("waveguard.releases.finished")
                .tag("status", "completed")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(registry.find("waveguard.releases.finished").tag("status", "running").counter())
        .isNull();
  }

  private static ReleaseSnapshot snapshot(ReleaseStatus status, int wave, Instant at) {
    return new ReleaseSnapshot(
        "r1",
        "pay",
        "2.0",
        Strategy.TRUST_WEIGHTED,
        status,
        wave,
        3,
        status + " at wave " + wave,
        at);
  }
}
