package io.waveguard.policy.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.waveguard.policy.model.CohortStats;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.OperatorAction;
import io.waveguard.policy.model.OperatorCommand;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.StrandedTargets;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.WaveSummary;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A machine carried into a new run (as Temporal serialises it) goes on exactly as before. */
class ReleaseMachineStateTest {

  private static final ReleasePolicy POLICY =
      ReleasePolicy.defaults().withApprovalTiers(List.of(Tier.SAFETY_CRITICAL));
  private static final List<WaveSummary> FOUR_WAVES =
      List.of(
          new WaveSummary(1, 1, Tier.LOW, 1),
          new WaveSummary(2, 4, Tier.STANDARD, 12),
          new WaveSummary(3, 2, Tier.FINANCE_CRITICAL, 60),
          new WaveSummary(4, 1, Tier.SAFETY_CRITICAL, 90));
  private static final OperatorCommand OP = new OperatorCommand("alice", "freeze");

  @Test
  void aPausedReleaseWithAnApprovedTierAndReplanningResumesAsItWould() {
    ReleaseStateMachine machine = new ReleaseStateMachine(POLICY);
    machine.enableReplanning();
    machine.enableCompleteRollback();
    machine.planned(FOUR_WAVES);
    passWave(machine, 1);
    machine.replanned(2, FOUR_WAVES.subList(1, 4), Optional.empty());
    machine.apply(OperatorAction.PAUSE, OP);

    ReleaseStateMachine carried = carriedOver(machine);

    assertSameView(carried, machine);
    assertThat(carried.status()).isEqualTo(ReleaseStatus.PAUSED);
    carried.apply(OperatorAction.RESUME, OP);
    machine.apply(OperatorAction.RESUME, OP);
    assertThat(carried.next())
        .isEqualTo(machine.next())
        .isEqualTo(new ReleaseCommand.DeployWave(2));
  }

  @Test
  void anIncompleteRollbackCarriesItsFailuresAndStrandedTargets() {
    ReleaseStateMachine machine = new ReleaseStateMachine(POLICY);
    machine.enableCompleteRollback();
    machine.planned(FOUR_WAVES);
    passWave(machine, 1);
    machine.deployStarted(2);
    machine.waveDeployed(2);
    machine.bakeElapsed(2);
    machine.gateEvaluated(2, gate(GateVerdict.FAIL));
    machine.rollbackFailed(2, "403");
    machine.waveRolledBack(1);
    machine.strandedTargetsListed(StrandedTargets.of(List.of("t-2a", "t-2b")));

    ReleaseStateMachine carried = carriedOver(machine);

    assertSameView(carried, machine);
    assertThat(carried.strandedTargets()).isEqualTo(machine.strandedTargets());
    carried.apply(OperatorAction.RETRY_ROLLBACK, OP);
    assertThat(carried.next()).isEqualTo(new ReleaseCommand.RollBackWave(2));
    carried.waveRolledBack(2);
    assertThat(carried.status()).isEqualTo(ReleaseStatus.ROLLED_BACK);
  }

  private static ReleaseStateMachine carriedOver(ReleaseStateMachine machine) {
    DataConverter converter = DefaultDataConverter.newDefaultInstance();
    ReleaseMachineState state = machine.state();
    ReleaseMachineState read =
        converter.fromPayloads(
            0, converter.toPayloads(state), ReleaseMachineState.class, ReleaseMachineState.class);
    assertThat(read).isEqualTo(state);
    return ReleaseStateMachine.restore(POLICY, read);
  }

  private static void assertSameView(ReleaseStateMachine actual, ReleaseStateMachine expected) {
    assertThat(actual.next()).isEqualTo(expected.next());
    assertThat(actual.status()).isEqualTo(expected.status());
    assertThat(actual.currentWave()).isEqualTo(expected.currentWave());
    assertThat(actual.waves()).isEqualTo(expected.waves());
    assertThat(actual.pauseReason()).isEqualTo(expected.pauseReason());
    assertThat(actual.outcomeReason()).isEqualTo(expected.outcomeReason());
    assertThat(actual.revision()).isEqualTo(expected.revision());
    for (int wave = 1; wave <= expected.waves().size(); wave++) {
      assertThat(actual.waveStatus(wave)).isEqualTo(expected.waveStatus(wave));
      assertThat(actual.gateResult(wave)).isEqualTo(expected.gateResult(wave));
    }
  }

  private static void passWave(ReleaseStateMachine machine, int wave) {
    machine.deployStarted(wave);
    machine.waveDeployed(wave);
    machine.bakeElapsed(wave);
    machine.gateEvaluated(wave, gate(GateVerdict.PASS));
  }

  private static GateResult gate(GateVerdict verdict) {
    return new GateResult(verdict, verdict.name(), CohortStats.EMPTY, CohortStats.EMPTY);
  }
}
