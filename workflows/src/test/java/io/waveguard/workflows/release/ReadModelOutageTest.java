package io.waveguard.workflows.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Strategy;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The read model is written beside the release, never in its way. */
class ReadModelOutageTest {

  private final InMemoryReleaseActivities.Fleet fleet = InMemoryReleaseActivities.Fleet.ofTiers(5);
  private ReleaseTestEnvironment temporal;

  @AfterEach
  void close() {
    if (temporal != null) {
      temporal.close();
    }
  }

  @Test
  void aRollbackDoesNotWaitForADatabaseThatIsDown() throws Exception {
    InMemoryReleaseActivities activities =
        new InMemoryReleaseActivities(fleet)
            .gateVerdicts(wave -> wave == 2 ? GateVerdict.FAIL : GateVerdict.PASS)
            .readModelDown();
    temporal = new ReleaseTestEnvironment().start(activities);
    temporal.startRelease(
        ReleaseTestEnvironment.spec(
            "db-down", Strategy.TRUST_WEIGHTED, ReleasePolicy.defaults().withBakeSeconds(600)));

    // Writing the read model inline would retry without end before the first deploy.
    ReleaseState done =
        temporal
            .client()
            .newUntypedWorkflowStub("release-db-down")
            .getResult(60, TimeUnit.SECONDS, ReleaseState.class);

    assertThat(done.status()).isEqualTo(ReleaseStatus.ROLLED_BACK);
    assertThat(fleet.calls).contains("rollback:2", "rollback:1", "record-failed");
    assertThat(fleet.snapshots).isEmpty();
  }
}
