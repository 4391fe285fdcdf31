package io.waveguard.policy.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.policy.model.CohortStats;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.OperatorAction;
import io.waveguard.policy.model.OperatorCommand;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.WaveSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeWindowStateMachineTest {

  private static final List<WaveSummary> TWO_WAVES =
      List.of(new WaveSummary(1, 2, Tier.LOW, 1.0), new WaveSummary(2, 3, Tier.STANDARD, 2.0));
  private static final String UNTIL = "until 2026-12-07T09:00+01:00[Europe/Berlin], outside";

  private final ReleaseStateMachine machine =
      new ReleaseStateMachine(ReleasePolicy.defaults(), false);

  private static GateResult pass() {
    return new GateResult(GateVerdict.PASS, "ok", CohortStats.EMPTY, CohortStats.EMPTY);
  }

  @Test
  void everyWaveAsksForItsWindowRightBeforeDeployingAndWaitsWhileItIsClosed() {
    machine.enableChangeWindows();
    machine.planned(TWO_WAVES);

    assertThat(machine.next()).isEqualTo(new ReleaseCommand.AwaitChangeWindow(1, null));
    machine.changeWindowClosed(1, UNTIL);
    assertThat(machine.status()).isEqualTo(ReleaseStatus.WAITING_FOR_WINDOW);
    assertThat(machine.windowWait()).isEqualTo(UNTIL);
    assertThat(machine.next()).isEqualTo(new ReleaseCommand.AwaitChangeWindow(1, UNTIL));
    assertThat(machine.isAtRest()).isTrue();

    machine.changeWindowOpen(1);
    assertThat(machine.status()).isEqualTo(ReleaseStatus.RUNNING);
    assertThat(machine.windowWait()).isNull();
    assertThat(machine.next()).isEqualTo(new ReleaseCommand.DeployWave(1));
    machine.deployStarted(1);
    machine.waveDeployed(1);
    machine.bakeElapsed(1);
    machine.gateEvaluated(1, pass());

    // The next wave checks again: a window open for wave 1 says nothing about wave 2.
    assertThat(machine.next()).isEqualTo(new ReleaseCommand.AwaitChangeWindow(2, null));
  }

  @Test
  void aPauseOrAnApprovalComesBeforeTheWindowAndAnAbortDuringTheWaitEndsTheRelease() {
    ReleaseStateMachine gated =
        new ReleaseStateMachine(ReleasePolicy.defaults().withApprovalTiers(List.of(Tier.LOW)));
    gated.enableChangeWindows();
    gated.planned(TWO_WAVES);
    assertThat(gated.next()).isEqualTo(new ReleaseCommand.AwaitApproval(1, Tier.LOW));
    gated.apply(OperatorAction.APPROVE, new OperatorCommand("ann", "go"));
    assertThat(gated.next()).isEqualTo(new ReleaseCommand.AwaitChangeWindow(1, null));
    gated.changeWindowClosed(1, UNTIL);

    gated.apply(OperatorAction.ABORT, new OperatorCommand("ann", "not this week"));

    assertThat(gated.status()).isEqualTo(ReleaseStatus.ABORTED);
    assertThat(gated.windowWait()).isNull();
  }

  @Test
  void withoutChangeWindowsNoWindowIsEverAskedFor() {
    machine.planned(TWO_WAVES);

    assertThat(machine.next()).isEqualTo(new ReleaseCommand.DeployWave(1));
    machine.changeWindowClosed(1, UNTIL);
    assertThat(machine.status()).isEqualTo(ReleaseStatus.RUNNING);
  }

  @Test
  void aContinuedReleaseKeepsWaitingForTheSameWindow() {
    machine.enableChangeWindows();
    machine.planned(TWO_WAVES);
    machine.changeWindowClosed(1, UNTIL);

    ReleaseStateMachine carried =
        ReleaseStateMachine.restore(ReleasePolicy.defaults(), machine.state());

    assertThat(carried.status()).isEqualTo(ReleaseStatus.WAITING_FOR_WINDOW);
    assertThat(carried.next()).isEqualTo(new ReleaseCommand.AwaitChangeWindow(1, UNTIL));
    assertThat(carried.usesChangeWindows()).isTrue();
  }
}
