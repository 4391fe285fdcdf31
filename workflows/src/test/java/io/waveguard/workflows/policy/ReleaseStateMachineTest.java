package io.waveguard.workflows.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waveguard.workflows.model.CohortStats;
import io.waveguard.workflows.model.GateResult;
import io.waveguard.workflows.model.GateVerdict;
import io.waveguard.workflows.model.OperatorAction;
import io.waveguard.workflows.model.OperatorCommand;
import io.waveguard.workflows.model.ReleasePolicy;
import io.waveguard.workflows.model.ReleaseStatus;
import io.waveguard.workflows.model.Tier;
import io.waveguard.workflows.model.WaveSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseStateMachineTest {

  private static final OperatorCommand OP = new OperatorCommand("op", "why");
  private static final List<WaveSummary> THREE_WAVES =
      List.of(
          new WaveSummary(1, 1, Tier.LOW, 1),
          new WaveSummary(2, 4, Tier.STANDARD, 12),
          new WaveSummary(3, 2, Tier.SAFETY_CRITICAL, 60));

  private final ReleaseStateMachine machine = new ReleaseStateMachine(ReleasePolicy.defaults());

  private static GateResult verdict(GateVerdict verdict) {
    return new GateResult(verdict, verdict.name(), CohortStats.EMPTY, CohortStats.EMPTY);
  }

  private void passWave(int wave) {
    machine.deployStarted(wave);
    machine.waveDeployed(wave);
    machine.bakeElapsed(wave);
    machine.gateEvaluated(wave, verdict(GateVerdict.PASS));
  }

  @Test
  void walksPlanDeployBakeGateForEveryWave() {
    assertThat(machine.next().type()).isEqualTo(ReleaseCommand.Type.PLAN);
    machine.planned(THREE_WAVES);
    assertThat(machine.next()).isEqualTo(ReleaseCommand.deploy(1));
    machine.deployStarted(1);
    machine.waveDeployed(1);
    assertThat(machine.next()).isEqualTo(ReleaseCommand.bake(1, 0));
    machine.bakeElapsed(1);
    assertThat(machine.next()).isEqualTo(ReleaseCommand.evaluateGate(1));
    machine.gateEvaluated(1, verdict(GateVerdict.PASS));
    passWave(2);
    passWave(3);

    assertThat(machine.next().type()).isEqualTo(ReleaseCommand.Type.FINISH);
    assertThat(machine.status()).isEqualTo(ReleaseStatus.COMPLETED);
  }

  @Test
  void anEmptyPlanFails() {
    machine.planned(List.of());

    assertThat(machine.status()).isEqualTo(ReleaseStatus.FAILED);
  }

  @Test
  void aRejectedCommandChangesNothing() {
    machine.planned(THREE_WAVES);
    int revision = machine.revision();
    ReleaseCommand next = machine.next();

    assertThatThrownBy(() -> machine.apply(OperatorAction.RESUME, OP))
        .isInstanceOf(TransitionRejectedException.class)
        .hasMessageContaining("not paused");

    assertThat(machine.revision()).isEqualTo(revision);
    assertThat(machine.next()).isEqualTo(next);
  }

  @Test
  void anAbortDuringADeployRollsThatWaveBackToo() {
    machine.planned(THREE_WAVES);
    passWave(1);
    machine.deployStarted(2);

    machine.apply(OperatorAction.ABORT, OP);
    machine.waveDeployed(2);

    assertThat(machine.next()).isEqualTo(ReleaseCommand.rollBack(2));
    machine.waveRolledBack(2);
    assertThat(machine.next()).isEqualTo(ReleaseCommand.rollBack(1));
    machine.waveRolledBack(1);
    assertThat(machine.status()).isEqualTo(ReleaseStatus.ABORTED);
  }

  @Test
  void anAbortBeforeAnyDeployEndsAtOnce() {
    machine.apply(OperatorAction.ABORT, OP);

    assertThat(machine.status()).isEqualTo(ReleaseStatus.ABORTED);
    assertThat(machine.rejection(OperatorAction.ABORT)).isPresent();
  }

  @Test
  void anInconclusiveGateExtendsTheBakeThenPausesForAHuman() {
    machine.planned(THREE_WAVES);
    machine.deployStarted(1);
    machine.waveDeployed(1);
    for (int extension = 1; extension <= 2; extension++) {
      machine.bakeElapsed(1);
      machine.gateEvaluated(1, verdict(GateVerdict.INCONCLUSIVE));
      assertThat(machine.next()).isEqualTo(ReleaseCommand.bake(1, extension));
    }
    machine.bakeElapsed(1);
    machine.gateEvaluated(1, verdict(GateVerdict.INCONCLUSIVE));

    assertThat(machine.status()).isEqualTo(ReleaseStatus.PAUSED);
    assertThat(machine.pauseReason()).contains("gate inconclusive on wave 1");
    machine.apply(OperatorAction.RESUME, OP);
    assertThat(machine.next()).isEqualTo(ReleaseCommand.deploy(2));
  }

  @Test
  void aFailedGateRollsBackFromTheFailingWaveDown() {
    machine.planned(THREE_WAVES);
    passWave(1);
    machine.deployStarted(2);
    machine.waveDeployed(2);
    machine.bakeElapsed(2);
    machine.gateEvaluated(2, verdict(GateVerdict.FAIL));

    assertThat(machine.status()).isEqualTo(ReleaseStatus.ROLLING_BACK);
    assertThat(machine.next()).isEqualTo(ReleaseCommand.rollBack(2));
    assertThat(machine.rejection(OperatorAction.PAUSE)).contains("release is rolling back");
  }

  @Test
  void anApprovalTierWaitsUntilApproved() {
    ReleaseStateMachine gated =
        new ReleaseStateMachine(
            ReleasePolicy.defaults().withApprovalTiers(List.of(Tier.SAFETY_CRITICAL)));
    gated.planned(THREE_WAVES);
    for (int wave = 1; wave <= 2; wave++) {
      gated.deployStarted(wave);
      gated.waveDeployed(wave);
      gated.bakeElapsed(wave);
      gated.gateEvaluated(wave, verdict(GateVerdict.PASS));
    }

    assertThat(gated.next()).isEqualTo(ReleaseCommand.awaitApproval(3, Tier.SAFETY_CRITICAL));
    assertThat(gated.status()).isEqualTo(ReleaseStatus.AWAITING_APPROVAL);
    gated.apply(OperatorAction.APPROVE, OP);
    assertThat(gated.next()).isEqualTo(ReleaseCommand.deploy(3));
  }

  @Test
  void staleEventsAreIgnored() {
    machine.planned(THREE_WAVES);
    machine.deployStarted(1);
    machine.waveDeployed(1);
    int revision = machine.revision();

    machine.bakeElapsed(2);
    machine.gateEvaluated(2, verdict(GateVerdict.FAIL));

    assertThat(machine.revision()).isEqualTo(revision);
    assertThat(machine.next()).isEqualTo(ReleaseCommand.bake(1, 0));
  }
}
