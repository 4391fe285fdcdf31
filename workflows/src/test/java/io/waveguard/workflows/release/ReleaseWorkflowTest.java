package io.waveguard.workflows.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.waveguard.workflows.model.GateVerdict;
import io.waveguard.workflows.model.OperatorCommand;
import io.waveguard.workflows.model.ReleasePolicy;
import io.waveguard.workflows.model.ReleaseStatus;
import io.waveguard.workflows.model.Strategy;
import io.waveguard.workflows.model.Tier;
import io.waveguard.workflows.model.WaveStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReleaseWorkflowTest {

  private static final ReleasePolicy POLICY = ReleasePolicy.defaults().withBakeSeconds(600);
  private static final OperatorCommand ALICE = new OperatorCommand("alice", "testing");

  private final InMemoryReleaseActivities.Fleet fleet = InMemoryReleaseActivities.Fleet.ofTiers(5);
  private ReleaseTestEnvironment temporal;

  @AfterEach
  void close() {
    if (temporal != null) {
      temporal.close();
    }
  }

  private ReleaseWorkflow start(
      String id, InMemoryReleaseActivities activities, ReleasePolicy policy) {
    temporal = new ReleaseTestEnvironment().start(activities);
    return temporal.startRelease(ReleaseTestEnvironment.spec(id, Strategy.TRUST_WEIGHTED, policy));
  }

  private ReleaseState result(String id) {
    return temporal.client().newUntypedWorkflowStub("release-" + id).getResult(ReleaseState.class);
  }

  @Test
  void completesAGoodReleaseWaveByWave() {
    start("good", new InMemoryReleaseActivities(fleet), POLICY);

    ReleaseState done = result("good");

    assertThat(done.status()).isEqualTo(ReleaseStatus.COMPLETED);
    assertThat(done.waveCount()).isGreaterThanOrEqualTo(4);
    assertThat(done.waves()).allMatch(w -> w.status() == WaveStatus.PASSED);
    assertThat(fleet.deployCounts).hasSize(20).allSatisfy((target, n) -> assertThat(n).isOne());
    assertThat(fleet.rollbackCounts).isEmpty();
    assertThat(fleet.snapshots.get(fleet.snapshots.size() - 1).status())
        .isEqualTo(ReleaseStatus.COMPLETED);
  }

  @Test
  void rollsBackWavesInReverseOrderWhenAGateFails() {
    InMemoryReleaseActivities activities =
        new InMemoryReleaseActivities(fleet)
            .gateVerdicts(wave -> wave == 3 ? GateVerdict.FAIL : GateVerdict.PASS);
    start("bad", activities, POLICY);

    ReleaseState done = result("bad");

    assertThat(done.status()).isEqualTo(ReleaseStatus.ROLLED_BACK);
    assertThat(done.outcomeReason()).contains("gate failed on wave 3");
    assertThat(fleet.calls)
        .containsExactly(
            "deploy:1",
            "gate:1",
            "deploy:2",
            "gate:2",
            "deploy:3",
            "gate:3",
            "rollback:3",
            "rollback:2",
            "rollback:1");
    assertThat(done.waves().subList(0, 3)).allMatch(w -> w.status() == WaveStatus.ROLLED_BACK);
    assertThat(done.waves().get(3).status()).isEqualTo(WaveStatus.PENDING);
  }

  @Test
  void pauseDuringBakeHoldsTheNextDeployUntilResume() {
    ReleaseWorkflow release = start("paused", new InMemoryReleaseActivities(fleet), POLICY);
    temporal.env.sleep(Duration.ofSeconds(60));
    assertThat(release.state().waves().get(0).status()).isEqualTo(WaveStatus.BAKING);

    ReleaseState paused = release.pause(ALICE);
    assertThat(paused.status()).isEqualTo(ReleaseStatus.PAUSED);

    temporal.env.sleep(Duration.ofHours(2));
    ReleaseState held = release.state();
    assertThat(held.status()).isEqualTo(ReleaseStatus.PAUSED);
    assertThat(held.waves().get(0).status()).isEqualTo(WaveStatus.PASSED);
    assertThat(held.waves().get(1).status()).isEqualTo(WaveStatus.PENDING);
    assertThat(held.waitingFor()).contains("operator resume");
    assertThat(fleet.calls).containsExactly("deploy:1", "gate:1");

    release.resume(ALICE);

    assertThat(result("paused").status()).isEqualTo(ReleaseStatus.COMPLETED);
    assertThat(fleet.calls).contains("deploy:2");
  }

  @Test
  void abortRollsBackEverythingDeployed() {
    ReleaseWorkflow release = start("aborted", new InMemoryReleaseActivities(fleet), POLICY);
    temporal.env.sleep(Duration.ofMinutes(15));
    assertThat(release.state().currentWave()).isEqualTo(2);

    ReleaseState aborting = release.abort(new OperatorCommand("bob", "customer complaints"));
    assertThat(aborting.status()).isIn(ReleaseStatus.ROLLING_BACK, ReleaseStatus.ABORTED);

    ReleaseState done = result("aborted");
    assertThat(done.status()).isEqualTo(ReleaseStatus.ABORTED);
    assertThat(done.outcomeReason()).contains("bob").contains("customer complaints");
    assertThat(fleet.calls).endsWith("rollback:2", "rollback:1");
    assertThat(fleet.rollbackCounts.keySet()).isEqualTo(fleet.deployCounts.keySet());
    assertThat(done.commands())
        .singleElement()
        .extracting(OperatorCommandRecord::operator)
        .isEqualTo("bob");
  }

  @Test
  void anApprovalGatedTierWaitsForApprove() {
    ReleasePolicy gated = POLICY.withApprovalTiers(List.of(Tier.SAFETY_CRITICAL));
    ReleaseWorkflow release = start("gated", new InMemoryReleaseActivities(fleet), gated);
    temporal.env.sleep(Duration.ofDays(1));

    ReleaseState waiting = release.state();
    assertThat(waiting.status()).isEqualTo(ReleaseStatus.AWAITING_APPROVAL);
    assertThat(waiting.waitingFor()).contains("approval of tier safety-critical");
    int gatedWave = waiting.currentWave();
    assertThat(waiting.waves().get(gatedWave - 1).highestTier()).isEqualTo(Tier.SAFETY_CRITICAL);
    assertThat(fleet.calls).doesNotContain("deploy:" + gatedWave);

    release.approve(new OperatorCommand("carol", "change ticket CHG-42"));

    assertThat(result("gated").status()).isEqualTo(ReleaseStatus.COMPLETED);
    assertThat(fleet.calls).contains("deploy:" + gatedWave);
  }

  @Test
  void invalidCommandsAreRejectedAndChangeNothing() {
    ReleaseWorkflow release = start("strict", new InMemoryReleaseActivities(fleet), POLICY);
    temporal.env.sleep(Duration.ofSeconds(60));
    ReleaseState before = release.state();

    assertThatThrownBy(() -> release.resume(ALICE))
        .isInstanceOf(WorkflowUpdateException.class)
        .hasStackTraceContaining("release is not paused");
    assertThatThrownBy(() -> release.approve(ALICE))
        .isInstanceOf(WorkflowUpdateException.class)
        .hasStackTraceContaining("no wave is awaiting approval");
    assertThatThrownBy(() -> release.pause(new OperatorCommand("", "no operator")))
        .isInstanceOf(WorkflowUpdateException.class)
        .hasStackTraceContaining("operator and reason are required");

    assertThat(release.state()).isEqualTo(before);
    WorkflowStub untyped = WorkflowStub.fromTyped(release);
    release.abort(ALICE);
    assertThat(untyped.getResult(ReleaseState.class).status()).isEqualTo(ReleaseStatus.ABORTED);
    assertThatThrownBy(() -> release.abort(ALICE)).isInstanceOf(RuntimeException.class);
  }

  @Test
  void historyGrowsWithWavesNotWithTargets() {
    InMemoryReleaseActivities.Fleet big = InMemoryReleaseActivities.Fleet.ofTiers(500);
    start("big", new InMemoryReleaseActivities(big), POLICY);

    assertThat(result("big").status()).isEqualTo(ReleaseStatus.COMPLETED);

    List<HistoryEvent> events =
        temporal.client().fetchHistory("release-big").getHistory().getEventsList();
    assertThat(big.deployCounts).hasSize(2_000);
    assertThat(events).hasSizeLessThan(500);
    assertThat(events).allSatisfy(e -> assertThat(e.getSerializedSize()).isLessThan(256 * 1024));
  }
}
