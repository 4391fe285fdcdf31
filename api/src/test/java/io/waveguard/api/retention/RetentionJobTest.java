package io.waveguard.api.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.util.Duration;
import io.waveguard.activities.db.Database;
import io.waveguard.activities.db.TelemetryDao;
import io.waveguard.activities.db.TelemetrySample;
import io.waveguard.api.config.RetentionConfiguration;
import io.waveguard.api.support.TestDependencies;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retention prunes by age, and never a snapshot a release in the audit window stands on. */
class RetentionJobTest {

  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  private Jdbi jdbi;
  private RetentionJob job;

  @BeforeEach
  void database() {
    String name = "retention_" + UUID.randomUUID().toString().replace("-", "");
    Jdbi.create(TestDependencies.get().postgres().getPostgresDatabase())
        .useHandle(h -> h.execute("CREATE DATABASE " + name));
    javax.sql.DataSource dataSource =
        TestDependencies.get().postgres().getDatabase("postgres", name);
    Database.migrate(dataSource);
    jdbi = Database.jdbi(dataSource);
    RetentionConfiguration config = new RetentionConfiguration();
    config.setTelemetry(Duration.days(14));
    config.setTrustSnapshots(Duration.days(90));
    config.setAuditWindow(Duration.days(400));
    job = new RetentionJob(jdbi, config, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void prunesSamplesAndSnapshotsByAgeAndKeepsWhatDecisionsStandOn() {
    jdbi.useExtension(
        TelemetryDao.class,
        dao ->
            dao.upsert(
                List.of(
                    sample("a", NOW.minus(20, ChronoUnit.DAYS)),
                    sample("a", NOW.minus(1, ChronoUnit.DAYS)))));
    release("ended-long-ago", "COMPLETED", NOW.minus(500, ChronoUnit.DAYS));
    release("ended-recently", "ROLLED_BACK", NOW.minus(100, ChronoUnit.DAYS));
    release("still-running", "RUNNING", NOW.minus(300, ChronoUnit.DAYS));
    snapshot("t1", NOW.minus(200, ChronoUnit.DAYS), null); // old, no decision: goes
    snapshot("t1", NOW.minus(180, ChronoUnit.DAYS), "ended-long-ago"); // audit window over: goes
    snapshot("t1", NOW.minus(170, ChronoUnit.DAYS), "ended-recently"); // in the audit window
    snapshot("t1", NOW.minus(160, ChronoUnit.DAYS), "still-running"); // its release runs
    snapshot("t1", NOW.minus(10, ChronoUnit.DAYS), null); // young
    snapshot("t2", NOW.minus(300, ChronoUnit.DAYS), null); // old, but t2's newest

    RetentionJob.Pruned pruned = job.runOnce();

    assertThat(pruned).isEqualTo(new RetentionJob.Pruned(1, 2));
    List<String> kept =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT coalesce(release_id, '-') || '@' || target_id FROM trust_snapshots"
                            + " ORDER BY id")
                    .mapTo(String.class)
                    .list());
    assertThat(kept).containsExactly("ended-recently@t1", "still-running@t1", "-@t1", "-@t2");
    assertThat(job.runOnce()).isEqualTo(new RetentionJob.Pruned(0, 0));
  }

  private void release(String id, String status, Instant updatedAt) {
    jdbi.useHandle(
        h ->
            h.execute(
                "INSERT INTO releases (release_id, service, version, strategy, status, spec,"
                    + " updated_at) VALUES (?, 'svc', '1', 'waves', ?, '{}', ?)",
                id,
                status,
                Timestamp.from(updatedAt)));
  }

  private void snapshot(String target, Instant at, String releaseId) {
    jdbi.useHandle(
        h ->
            h.execute(
                "INSERT INTO trust_snapshots (target_id, computed_at, cause, release_id, mean,"
                    + " lower_bound, history_mean, evidence, good, bad, posterior_alpha,"
                    + " posterior_beta, impact, risk, inputs)"
                    + " VALUES (?, ?, 'test', ?, 0.9, 0.8, 0.9, 1, 1, 0, 2, 1, 1, 0.1, '{}')",
                target,
                Timestamp.from(at),
                releaseId));
  }

  private static TelemetrySample sample(String target, Instant start) {
    return new TelemetrySample(target, start, start.plusSeconds(60), 100, 1, 90.0, 0, null);
  }
}
