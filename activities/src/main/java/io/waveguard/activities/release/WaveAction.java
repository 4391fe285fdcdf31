package io.waveguard.activities.release;

import io.waveguard.activities.db.DeploymentDao;
import io.waveguard.activities.db.TargetDeployment;
import io.waveguard.activities.deploy.DeployAction;
import io.waveguard.activities.deploy.DeployBatch;
import io.waveguard.activities.deploy.Deployer;
import java.sql.Timestamp;

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

    @Override
    int claim(DeploymentDao dao, String releaseId, String[] targetIds, String key) {
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
