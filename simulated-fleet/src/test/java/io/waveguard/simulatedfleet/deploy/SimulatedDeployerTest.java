package io.waveguard.simulatedfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.waveguard.activities.deploy.DeployBatch;
import io.waveguard.simulatedfleet.FleetDatabase;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatedDeployerTest {

  private Jdbi jdbi;

  @BeforeEach
  void setUp() {
    jdbi = FleetDatabase.migrated();
  }

  @Test
  void batchResentUnderTheSameKeyIsDeliveredButNotAppliedAgain() {
    DeployBatch batch = new DeployBatch("r1", 1, "2.0", List.of("a", "b"));

    new SimulatedDeployer(jdbi).deploy(batch);
    // A restarted worker: a new deployer instance, the same database.
    new SimulatedDeployer(jdbi).deploy(batch);

    assertThat(new SimulatedDeployer(jdbi).log("r1"))
        .extracting(
            FleetLogEntry::targetId, FleetLogEntry::appliedCount, FleetLogEntry::deliveryCount)
        .containsExactly(tuple("a", 1, 2), tuple("b", 1, 2));
  }

  @Test
  void targetSentUnderAnotherKeyShowsUpAsDeployedTwice() {
    SimulatedDeployer deployer = new SimulatedDeployer(jdbi);

    deployer.deploy(new DeployBatch("r1", 1, "2.0", List.of("a", "b")));
    deployer.deploy(new DeployBatch("r1", 1, "2.0", List.of("b", "c")));

    assertThat(deployer.log("r1"))
        .extracting(FleetLogEntry::targetId, FleetLogEntry::appliedCount)
        .containsExactly(tuple("a", 1), tuple("b", 2), tuple("c", 1));
  }

  @Test
  void rollbackIsLoggedSeparatelyFromTheDeploy() {
    SimulatedDeployer deployer = new SimulatedDeployer(jdbi);
    DeployBatch batch = new DeployBatch("r1", 3, "2.0", List.of("a"));

    deployer.deploy(batch);
    deployer.rollBack(batch);

    assertThat(deployer.log("r1"))
        .extracting(FleetLogEntry::action, FleetLogEntry::wave, FleetLogEntry::appliedCount)
        .containsExactly(tuple("deploy", 3, 1), tuple("rollback", 3, 1));
  }
}
