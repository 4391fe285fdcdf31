package io.waveguard.activities.release;

import io.temporal.failure.ApplicationFailure;
import io.waveguard.activities.db.DeploymentDao;
import io.waveguard.activities.db.TargetDeployment;
import io.waveguard.activities.deploy.DeployAction;
import io.waveguard.activities.deploy.DeployBatch;
import io.waveguard.activities.deploy.Deployer;
import io.waveguard.workflows.activities.ActivityErrors;
import java.sql.Timestamp;
import org.jdbi.v3.core.Jdbi;

/** Deploy and rollback seen from the deployments table: which rows each one still has to do. */
enum WaveAction {
  DEPLOY(DeployAction.DEPLOY) {
    @Override
    boolean isDone(TargetDeployment row) {
      return row.isDeployed();
    }

    @Override
    boolean isToDo(TargetDeployment row) {
      return row.isPending() && row.inFlightKey() == null;
    }

    /** A deploy attempt that starts after the rollback began stops before touching anything. */
    @Override
    void beforeReading(Jdbi jdbi, String releaseId) {
      if (jdbi.withExtension(DeploymentDao.class, dao -> dao.isFenced(releaseId))) {
        throw fenced(releaseId);
      }
    }

    /** Under the release's shared lock, so the claim and a rollback's fence never interleave. */
    @Override
    int claim(DeploymentDao dao, String releaseId, String[] targetIds, String key) {
      dao.lockForClaim(releaseId);
      if (dao.isFenced(releaseId)) {
        throw fenced(releaseId);
      }
      return dao.claimForDeploy(releaseId, targetIds, key);
    }

    @Override
    int mark(DeploymentDao dao, String releaseId, String key, Timestamp at) {
      return dao.markDeployed(releaseId, key, at);
    }

    @Override
    void send(Deployer deployer, DeployBatch batch) {
      deployer.deploy(batch);
    }
  },

  ROLLBACK(DeployAction.ROLLBACK) {
    /**
     * Fences the release before reading what to undo: a deploy claim committed before the fence is
     * in the rows read next, and none can commit after it.
     */
    @Override
    void beforeReading(Jdbi jdbi, String releaseId) {
      fence(jdbi, releaseId);
    }

    @Override
    boolean isDone(TargetDeployment row) {
      return row.isRolledBack();
    }

    /** Deployed targets, and pending ones whose deploy went out unconfirmed: it may have landed. */
    @Override
    boolean isToDo(TargetDeployment row) {
      return (row.isDeployed() && row.inFlightKey() == null)
          || (row.isPending() && DeployAction.DEPLOY.wireName().equals(row.inFlightAction()));
    }

    @Override
    int claim(DeploymentDao dao, String releaseId, String[] targetIds, String key) {
      return dao.claimForRollBack(releaseId, targetIds, key);
    }

    @Override
    int mark(DeploymentDao dao, String releaseId, String key, Timestamp at) {
      return dao.markRolledBack(releaseId, key, at);
    }

    @Override
    void send(Deployer deployer, DeployBatch batch) {
      deployer.rollBack(batch);
    }
  };

  private final DeployAction deployAction;

  WaveAction(DeployAction deployAction) {
    this.deployAction = deployAction;
  }

  DeployAction deployAction() {
    return deployAction;
  }

  /** Runs before the activity reads the wave's rows. */
  abstract void beforeReading(Jdbi jdbi, String releaseId);

  /** Fences the release against deploy claims, under its advisory lock; idempotent. */
  static void fence(Jdbi jdbi, String releaseId) {
    jdbi.useTransaction(
        handle -> {
          DeploymentDao dao = handle.attach(DeploymentDao.class);
          dao.lockForFence(releaseId);
          dao.fence(releaseId);
        });
  }

  private static ApplicationFailure fenced(String releaseId) {
    return ApplicationFailure.newNonRetryableFailure(
        "release %s is rolling back: no deploy may claim its targets any more".formatted(releaseId),
        ActivityErrors.ROLLBACK_FENCED);
  }

  /** Finished by an earlier attempt. */
  abstract boolean isDone(TargetDeployment row);

  /** Still to do and not yet handed to the deployer. */
  abstract boolean isToDo(TargetDeployment row);

  /** Handed to the deployer by an earlier attempt that never confirmed it. */
  boolean isInFlight(TargetDeployment row) {
    return deployAction.wireName().equals(row.inFlightAction());
  }

  abstract int claim(DeploymentDao dao, String releaseId, String[] targetIds, String key);

  abstract int mark(DeploymentDao dao, String releaseId, String key, Timestamp at);

  abstract void send(Deployer deployer, DeployBatch batch);
}
