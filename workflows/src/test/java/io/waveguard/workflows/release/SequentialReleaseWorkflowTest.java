package io.waveguard.workflows.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.history.v1.HistoryEvent;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.OperatorCommand;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Strategy;
import io.waveguard.policy.model.WaveStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ReleaseWorkflow under the sequential gate, on the time-skipping test server. */
class SequentialReleaseWorkflowTest {

  private final InMemoryReleaseActivities.Fleet fleet = InMemoryReleaseActivities.Fleet.ofTiers(5);
  private ReleaseTestEnvironment temporal;

  @AfterEach
  void close() {
    if (temporal != null) {
      temporal.close();
    }
  }

  private ReleaseWorkflow start(String id, InMemoryReleaseActivities.SequentialVerdicts script) {
    temporal =
        new ReleaseTestEnvironment()
            .start(new InMemoryReleaseActivities(fleet).sequentialVerdicts(script));
    return temporal.startRelease(
        ReleaseTestEnvironment.spec(
            id, Strategy.TRUST_WEIGHTED, ReleaseHistoryRecorder.SEQUENTIAL));
  }

  private ReleaseState result(String id) {
    return temporal.client().newUntypedWorkflowStub("release-" + id).getResult(ReleaseState.class);
  }

  @Test
  void aGoodReleaseMovesOnAfterTheMinimumBakeOfEveryWave() {
    start("good", (wave, period, tier) -> GateVerdict.PASS);

    ReleaseState done = result("good");

    assertThat(done.status()).isEqualTo(ReleaseStatus.COMPLETED);
    assertThat(done.waves()).allMatch(w -> w.status() == WaveStatus.PASSED);
    // Three one-minute periods per wave (the minimum bake), a verdict after each.
    for (int wave = 1; wave <= done.waveCount(); wave++) {
      assertThat(fleet.calls)
          .contains("gate:" + wave + ".0", "gate:" + wave + ".1", "gate:" + wave + ".2")
          .doesNotContain("gate:" + wave + ".3");
    }
    List<HistoryEvent> events =
        temporal.client().fetchHistory("release-good").getHistory().getEventsList();
    // O(waves): a bounded number of periods per wave, nothing per target.
    assertThat(events).hasSizeLessThan(100 * done.waveCount());
  }

  @Test
  void aFailureInsideTheMinimumBakeRollsBackAtOnce() {
    start("bad", (wave, period, tier) -> wave == 2 ? GateVerdict.FAIL : GateVerdict.PASS);

    ReleaseState done = result("bad");

    assertThat(done.status()).isEqualTo(ReleaseStatus.ROLLED_BACK);
    assertThat(fleet.calls)
        .containsSubsequence("deploy:2", "gate:2.0", "rollback:2", "rollback:1")
        .doesNotContain("gate:2.1", "deploy:3");
  }

  @Test
  void anUndecidedWavePausesAtTheMaximumBakeUntilAnOperatorAccepts() {
    ReleaseWorkflow release =
        start(
            "undecided",
            (wave, period, tier) -> wave == 2 ? GateVerdict.INCONCLUSIVE : GateVerdict.PASS);
    ReleaseState state = release.state();
    while (state.status() != ReleaseStatus.PAUSED) {
      temporal.env.sleep(Duration.ofMinutes(1));
      state = release.state();
    }

    assertThat(state.pauseReason())
        .contains("gate undecided on wave 2 after the maximum bake of 600s");
    assertThat(state.waves().get(1).status()).isEqualTo(WaveStatus.INCONCLUSIVE);
    assertThat(fleet.calls).contains("gate:2.9").doesNotContain("gate:2.10", "deploy:3");

    release.resume(new OperatorCommand("alice", "reviewed wave 2 by hand"));

    ReleaseState done = result("undecided");
    assertThat(done.status()).isEqualTo(ReleaseStatus.COMPLETED);
    assertThat(fleet.calls).contains("deploy:3");
    // The resume is the decision about the undecided wave, and history keeps who and why.
    assertThat(done.commands())
        .anySatisfy(
            c -> {
              assertThat(c.operator()).isEqualTo("alice");
              assertThat(c.reason()).isEqualTo("reviewed wave 2 by hand");
            });
  }

  @Test
  void aPauseDuringTheLastWavesBakeHoldsTheReleaseBeforeCompleted() {
    ReleaseWorkflow release = start("last-pause", (wave, period, tier) -> GateVerdict.PASS);
    ReleaseState state = release.state();
    while (state.waveCount() == 0 || state.currentWave() < state.waveCount()) {
      temporal.env.sleep(Duration.ofSeconds(30));
      state = release.state();
    }
    release.pause(new OperatorCommand("alice", "holding for the change board"));
    temporal.env.sleep(Duration.ofMinutes(30));

    ReleaseState held = release.state();
    assertThat(held.status()).isEqualTo(ReleaseStatus.PAUSED);
    assertThat(held.waves()).allMatch(w -> w.status() == WaveStatus.PASSED);

    release.resume(new OperatorCommand("alice", "change board approved"));

    ReleaseState done = result("last-pause");
    assertThat(done.status()).isEqualTo(ReleaseStatus.COMPLETED);
    assertThat(done.outcomeReason()).contains("last wave accepted by alice: change board approved");
  }
}
