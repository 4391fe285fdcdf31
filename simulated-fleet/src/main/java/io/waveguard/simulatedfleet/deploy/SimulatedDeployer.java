package io.waveguard.simulatedfleet.deploy;

import io.waveguard.activities.deploy.DeployAction;
import io.waveguard.activities.deploy.DeployBatch;
import io.waveguard.activities.deploy.Deployer;
import io.waveguard.activities.deploy.DeployerUnavailableException;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * A deployer for demos and tests that only writes down what it was asked to do. Its memory is in
 * PostgreSQL (its own schema, {@link SimulatedFleetSchema}), so it survives a killed worker and a
 * test can check afterwards that no target was deployed twice. It honours idempotency keys like a
 * real deployment system should: a re-sent batch is logged as a delivery, not applied again.
 */
public final class SimulatedDeployer implements Deployer {

  private final Jdbi jdbi;
  private final Duration latencyPerBatch;

  public SimulatedDeployer(Jdbi jdbi) {
    this(jdbi, Duration.ZERO);
  }

  /**
   * @param latencyPerBatch how long each call pretends to take, so a demo's progress is visible
   */
  public SimulatedDeployer(Jdbi jdbi, Duration latencyPerBatch) {
    this.jdbi = jdbi;
    this.latencyPerBatch = latencyPerBatch;
  }

  @Override
  public void deploy(DeployBatch batch) {
    apply(batch, DeployAction.DEPLOY);
  }

  @Override
  public void rollBack(DeployBatch batch) {
    apply(batch, DeployAction.ROLLBACK);
  }

  /** Everything the simulated fleet was asked to do for a release. */
  public List<FleetLogEntry> log(String releaseId) {
    return jdbi.withExtension(SimulatedFleetLogDao.class, dao -> dao.forRelease(releaseId));
  }

  private void apply(DeployBatch batch, DeployAction action) {
    pretendToWork();
    jdbi.useTransaction(
        handle ->
            handle
                .attach(SimulatedFleetLogDao.class)
                .record(
                    batch.releaseId(),
                    batch.targetIds(),
                    action.wireName(),
                    batch.wave(),
                    batch.version(),
                    batch.idempotencyKey(action)));
  }

  private void pretendToWork() {
    if (latencyPerBatch.isZero() || latencyPerBatch.isNegative()) {
      return;
    }
    try {
      Thread.sleep(latencyPerBatch.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeployerUnavailableException("interrupted while deploying", e);
    }
  }
}
