package io.waveguard.activities.release;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import io.waveguard.activities.db.AuditDao;
import io.waveguard.activities.db.DeploymentDao;
import io.waveguard.activities.db.TargetDeployment;
import io.waveguard.activities.deploy.DeployBatch;
import io.waveguard.activities.deploy.Deployer;
import io.waveguard.activities.observability.ReleaseContext;
import io.waveguard.activities.observability.ReleaseMetrics;
import io.waveguard.policy.model.StrandedTargets;
import io.waveguard.workflows.activities.ActivityErrors;
import io.waveguard.workflows.activities.DeploymentActivities;
import io.waveguard.workflows.activities.WaveDeployment;
import io.waveguard.workflows.activities.WaveRequest;
import java.sql.Timestamp;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys and rolls back waves in batches, at most once in effect per target.
 *
 * <p>Each batch goes through three steps: claim (the rows record the batch's idempotency key),
 * deployer call, mark (DEPLOYED or ROLLED_BACK, conditional on that key). A worker can die between
 * the deployer call and the mark, and no local bookkeeping can tell whether the deployer acted.
 * Marking before the call would lose deployments instead, so the retry re-sends every claimed but
 * unconfirmed batch with exactly the same targets and therefore the same idempotency key, and
 * {@link Deployer}s are required to treat a repeated key as done. A target is never sent under a
 * second key, and {@code deploy_count} counts confirmations, so it stays at one.
 */
public final class DeploymentActivitiesImpl implements DeploymentActivities {

  /** Large enough to keep round trips few, small enough that a heartbeat follows within seconds. */
  static final int BATCH_SIZE = 50;

  /** The audit log's action for the list of targets a failed rollback left behind. */
  static final String ROLLBACK_INCOMPLETE = "rollback-incomplete";

  private static final Logger log = LoggerFactory.getLogger(DeploymentActivitiesImpl.class);

  private final Jdbi jdbi;
  private final Deployer deployer;
  private final ReleaseMetrics metrics;

  public DeploymentActivitiesImpl(Jdbi jdbi, Deployer deployer) {
    this(jdbi, deployer, ReleaseMetrics.none());
  }

  /** As above, counting the waves this worker rolled back. */
  public DeploymentActivitiesImpl(Jdbi jdbi, Deployer deployer, ReleaseMetrics metrics) {
    this.jdbi = jdbi;
    this.deployer = deployer;
    this.metrics = metrics;
  }

  @Override
  public WaveDeployment deployWave(WaveRequest request) {
    return run(request, WaveAction.DEPLOY);
  }

  @Override
  public WaveDeployment rollBackWave(WaveRequest request) {
    return run(request, WaveAction.ROLLBACK);
  }

  private WaveDeployment run(WaveRequest request, WaveAction action) {
    try (ReleaseContext ignored = ReleaseContext.enter(request.releaseId(), request.wave())) {
      WaveDeployment done = runBatches(request, action);
      // Counted by the attempt that rolled back the wave's last targets, so a retry counts none.
      if (action == WaveAction.ROLLBACK && done.changed() > 0) {
        metrics.waveRolledBack(done.changed());
      }
      return done;
    }
  }

  private WaveDeployment runBatches(WaveRequest request, WaveAction action) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    ActivityClock clock = ActivityClock.of(context.getInfo());
    action.beforeReading(jdbi, request.releaseId());
    List<TargetDeployment> rows =
        jdbi.withExtension(
            DeploymentDao.class, dao -> dao.wave(request.releaseId(), request.wave()));
    if (rows.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "release %s has no wave %d in plan %s"
              .formatted(request.releaseId(), request.wave(), request.planId()),
          ActivityErrors.PLAN_NOT_FOUND);
    }
    ReleaseContext.targets(rows.size());
    int alreadyDone = (int) rows.stream().filter(action::isDone).count();
    int changed = 0;
    for (WaveBatch batch : WaveBatch.plan(rows, action, BATCH_SIZE)) {
      DeployBatch deployBatch =
          new DeployBatch(
              request.releaseId(), request.wave(), request.version(), batch.targetIds());
      String key = batch.isClaimed() ? batch.claimKey() : claim(deployBatch, action);
      action.send(deployer, deployBatch);
      Timestamp at = Timestamp.from(clock.now());
      changed +=
          jdbi.withExtension(
              DeploymentDao.class, dao -> action.mark(dao, request.releaseId(), key, at));
      // Progress for the Web UI; the database, not the heartbeat, is what a retry resumes from.
      // Once the workflow cancelled this attempt (an abort), the heartbeat throws and the next
      // batch is never sent.
      context.heartbeat(alreadyDone + changed);
    }
    int skipped = rows.size() - alreadyDone - changed;
    log.info(
        "{} wave {} of {}: {} changed, {} already done, {} not applicable",
        action.deployAction().wireName(),
        request.wave(),
        request.releaseId(),
        changed,
        alreadyDone,
        skipped);
    return new WaveDeployment(request.wave(), rows.size(), changed, alreadyDone);
  }

  @Override
  public void fenceDeploys(String releaseId) {
    WaveAction.fence(jdbi, releaseId);
  }

  @Override
  public StrandedTargets listStrandedTargets(String releaseId) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    List<String> ids =
        jdbi.withExtension(DeploymentDao.class, dao -> dao.strandedTargets(releaseId));
    StrandedTargets stranded = StrandedTargets.of(ids);
    // One audit entry per listing, however often this attempt is retried.
    String detail =
        "listing %s: %s".formatted(context.getInfo().getActivityId(), stranded.describe());
    jdbi.useTransaction(
        handle -> {
          AuditDao audit = handle.attach(AuditDao.class);
          if (!audit.exists(releaseId, ROLLBACK_INCOMPLETE, detail)) {
            audit.append(
                releaseId,
                ROLLBACK_INCOMPLETE,
                ReplanStep.SYSTEM_OPERATOR,
                stranded.isEmpty()
                    ? "every target is off the release's build"
                    : stranded.describe() + " still run the release's build",
                "RECORDED",
                detail);
          }
        });
    log.warn("release {}: rollback left {}", releaseId, stranded.describe());
    return stranded;
  }

  /** Records the batch as handed to the deployer, all or nothing; returns its key. */
  private String claim(DeployBatch batch, WaveAction action) {
    String key = batch.idempotencyKey(action.deployAction());
    String[] ids = batch.targetIds().toArray(String[]::new);
    jdbi.useTransaction(
        handle -> {
          int claimed =
              action.claim(handle.attach(DeploymentDao.class), batch.releaseId(), ids, key);
          if (claimed != ids.length) {
            // Only a concurrent attempt (a zombie after a heartbeat timeout) gets here. Rolling
            // back the partial claim and retrying later lets the survivor finish cleanly.
            throw new IllegalStateException(
                "%d of %d targets of %s were claimed by a concurrent attempt"
                    .formatted(ids.length - claimed, ids.length, key));
          }
        });
    return key;
  }
}
