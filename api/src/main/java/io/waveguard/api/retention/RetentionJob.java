package io.waveguard.api.retention;

import io.dropwizard.lifecycle.Managed;
import io.waveguard.activities.db.TelemetryDao;
import io.waveguard.activities.db.TrustDao;
import io.waveguard.api.config.RetentionConfiguration;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prunes old telemetry samples (and their rollups) and old trust snapshots on a schedule inside the
 * server, as {@link RetentionConfiguration} says. Idempotent: a run cut short, or two processes
 * pruning at once, only leave less to the next run.
 */
public final class RetentionJob implements Managed {

  private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

  /** Snapshots deleted per statement, so no one statement holds its locks for long. */
  static final int SNAPSHOT_BATCH = 10_000;

  private final Jdbi jdbi;
  private final RetentionConfiguration config;
  private final Clock clock;
  private ScheduledExecutorService scheduler;

  public RetentionJob(Jdbi jdbi, RetentionConfiguration config, Clock clock) {
    this.jdbi = jdbi;
    this.config = config;
    this.clock = clock;
  }

  /** What one run deleted. */
  public record Pruned(int samples, int snapshots) {}

  /** One pass: samples older than the telemetry period, snapshots as the Javadoc above says. */
  public Pruned runOnce() {
    Instant now = clock.instant();
    int samples =
        jdbi.withExtension(
            TelemetryDao.class,
            dao -> dao.deleteOlderThan(Timestamp.from(now.minus(age(config.getTelemetry())))));
    Timestamp snapshotCutoff = Timestamp.from(now.minus(age(config.getTrustSnapshots())));
    Timestamp auditCutoff = Timestamp.from(now.minus(age(config.getAuditWindow())));
    int snapshots = 0;
    int deleted;
    do {
      deleted =
          jdbi.withExtension(
              TrustDao.class,
              dao -> dao.deleteSnapshotsBefore(snapshotCutoff, auditCutoff, SNAPSHOT_BATCH));
      snapshots += deleted;
    } while (deleted == SNAPSHOT_BATCH);
    if (snapshots > 0) {
      jdbi.useExtension(TrustDao.class, TrustDao::deleteUnusedModels);
    }
    return new Pruned(samples, snapshots);
  }

  @Override
  public synchronized void start() {
    if (!config.isEnabled()) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "retention");
              thread.setDaemon(true);
              return thread;
            });
    long every = config.getInterval().toMilliseconds();
    scheduler.scheduleWithFixedDelay(this::runLogged, every, every, TimeUnit.MILLISECONDS);
  }

  private void runLogged() {
    try {
      Pruned pruned = runOnce();
      log.info(
          "retention: deleted {} telemetry samples and {} trust snapshots",
          pruned.samples(),
          pruned.snapshots());
    } catch (RuntimeException e) {
      // The next run tries again; a failing database must not end the schedule.
      log.warn("retention run failed; trying again in {}", config.getInterval(), e);
    }
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  private static Duration age(io.dropwizard.util.Duration duration) {
    return Duration.ofMillis(duration.toMilliseconds());
  }
}
