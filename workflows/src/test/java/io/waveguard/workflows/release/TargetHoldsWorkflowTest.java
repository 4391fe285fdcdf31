package io.waveguard.workflows.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.OperatorCommand;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Strategy;
import io.waveguard.policy.model.TargetsHeldPolicy;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A target belongs to one running release at a time: refuse, wait, abort while waiting. */
class TargetHoldsWorkflowTest {

  private static final ReleasePolicy WAIT =
      ReleaseHistoryRecorder.SEQUENTIAL.withWhenTargetsHeld(TargetsHeldPolicy.WAIT);

  private final InMemoryReleaseActivities.Fleet fleet = InMemoryReleaseActivities.Fleet.ofTiers(5);
  private ReleaseTestEnvironment temporal;

  @BeforeEach
  void start() {
    temporal =
        new ReleaseTestEnvironment()
            .start(
                new InMemoryReleaseActivities(fleet)
                    .sequentialVerdicts((wave, period, tier) -> GateVerdict.PASS));
  }

  @AfterEach
  void close() {
    temporal.close();
  }

  private ReleaseWorkflow startRelease(String id, ReleasePolicy policy) {
    return temporal.startRelease(ReleaseTestEnvironment.spec(id, Strategy.TRUST_WEIGHTED, policy));
  }

  private ReleaseState result(String id) {
    return temporal.client().newUntypedWorkflowStub("release-" + id).getResult(ReleaseState.class);
  }

  @Test
  void aReleaseWhoseTargetsAreHeldFailsByDefaultWithNothingDeployed() {
    startRelease("holder", ReleaseHistoryRecorder.SEQUENTIAL);
    temporal.env.sleep(Duration.ofSeconds(30));

    startRelease("second", ReleaseHistoryRecorder.SEQUENTIAL);
    ReleaseState refused = result("second");

    assertThat(refused.status()).isEqualTo(ReleaseStatus.FAILED);
    assertThat(refused.outcomeReason())
        .contains("targets held")
        .contains("running release holder holds 20 of its targets");
    assertThat(refused.waves()).isEmpty();
    assertThat(result("holder").status()).isEqualTo(ReleaseStatus.COMPLETED);
    // The refused release held nothing, so the holder's targets were never touched twice.
    assertThat(fleet.deployCounts.values()).allMatch(count -> count == 1);
  }

  @Test
  void aWaitingReleaseSaysWhoHoldsItsTargetsAndStartsOnceTheHolderLetGo() {
    startRelease("holder", ReleaseHistoryRecorder.SEQUENTIAL);
    temporal.env.sleep(Duration.ofSeconds(30));

    ReleaseWorkflow waiting = startRelease("waiting", WAIT);
    temporal.env.sleep(Duration.ofSeconds(5));
    ReleaseState state = waiting.state();

    assertThat(state.status()).isEqualTo(ReleaseStatus.WAITING_FOR_TARGETS);
    assertThat(state.waitingFor()).contains("running release holder holds 20 of its targets");
    assertThat(result("holder").status()).isEqualTo(ReleaseStatus.COMPLETED);
    assertThat(result("waiting").status()).isEqualTo(ReleaseStatus.COMPLETED);
    // It claimed the targets only after the holder let go, and then deployed each once more.
    assertThat(fleet.holdCalls.indexOf("release-targets:holder"))
        .isGreaterThan(fleet.holdCalls.lastIndexOf("held:waiting"))
        .isLessThan(fleet.holdCalls.indexOf("claimed:waiting"));
    assertThat(fleet.deployCounts.values()).allMatch(count -> count == 2);
    assertThat(fleet.holds).isEmpty();
  }

  @Test
  void anAbortWhileWaitingEndsTheReleaseAbortedWithNothingDeployed() {
    startRelease("holder", ReleaseHistoryRecorder.SEQUENTIAL);
    temporal.env.sleep(Duration.ofSeconds(30));
    ReleaseWorkflow waiting = startRelease("impatient", WAIT);
    temporal.env.sleep(Duration.ofSeconds(5));

    ReleaseState aborted = waiting.abort(new OperatorCommand("bob", "not today"));

    assertThat(aborted.status()).isEqualTo(ReleaseStatus.ABORTED);
    ReleaseState done = result("impatient");
    assertThat(done.status()).isEqualTo(ReleaseStatus.ABORTED);
    assertThat(done.waves()).isEmpty();
    assertThat(fleet.calls).doesNotContain("outcome:ABORTED");
    assertThat(result("holder").status()).isEqualTo(ReleaseStatus.COMPLETED);
    assertThat(fleet.deployCounts.values()).allMatch(count -> count == 1);
  }

  @Test
  void aRolledBackReleaseLetsGoOfItsTargetsOnlyAfterTheRollback() {
    temporal.close();
    temporal =
        new ReleaseTestEnvironment()
            .start(
                new InMemoryReleaseActivities(fleet)
                    .sequentialVerdicts(
                        (wave, period, tier) -> wave == 2 ? GateVerdict.FAIL : GateVerdict.PASS));
    startRelease("faulty", ReleaseHistoryRecorder.SEQUENTIAL);

    assertThat(result("faulty").status()).isEqualTo(ReleaseStatus.ROLLED_BACK);
    assertThat(fleet.holdCalls).containsExactly("claimed:faulty", "release-targets:faulty");
    assertThat(fleet.callsAtRelease.get("faulty")).endsWith("rollback:2", "rollback:1");
    assertThat(fleet.holds).isEmpty();
  }
}
