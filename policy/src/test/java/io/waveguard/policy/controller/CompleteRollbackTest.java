package io.waveguard.policy.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.policy.model.CohortStats;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.OperatorAction;
import io.waveguard.policy.model.OperatorCommand;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.StrandedTargets;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.WaveStatus;
import io.waveguard.policy.model.WaveSummary;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A rollback tries every deployed wave, names what it left behind and can be re-driven. */
class CompleteRollbackTest {

  private static final OperatorCommand OP = new OperatorCommand("op", "webhook fixed");
  private static final List<WaveSummary> THREE_WAVES =
      List.of(
          new WaveSummary(1, 1, Tier.LOW, 1),
          new WaveSummary(2, 4, Tier.STANDARD, 12),
          new WaveSummary(3, 2, Tier.FINANCE_CRITICAL, 60));
  private static final StrandedTargets TWO_LEFT = StrandedTargets.of(List.of("t-3a", "t-1a"));

  private final ReleaseStateMachine machine = new ReleaseStateMachine(ReleasePolicy.defaults());

  @BeforeEach
  void failTheGateOfWaveThree() {
    machine.enableCompleteRollback();
    machine.planned(THREE_WAVES);
    for (int wave = 1; wave <= 3; wave++) {
      machine.deployStarted(wave);
      machine.waveDeployed(wave);
      machine.bakeElapsed(wave);
      machine.gateEvaluated(wave, verdict(wave == 3 ? GateVerdict.FAIL : GateVerdict.PASS));
    }
  }

  @Test
  void aFailedWaveRollbackGoesOnWithTheWavesBelowItThenListsWhatIsLeft() {
    assertThat(machine.next()).isEqualTo(new ReleaseCommand.RollBackWave(3));
    machine.rollbackFailed(3, "deployer answered 403");
    assertThat(machine.next()).isEqualTo(new ReleaseCommand.RollBackWave(2));
    machine.waveRolledBack(2);
    machine.rollbackFailed(1, "deployer answered 403");

    assertThat(machine.next()).isInstanceOf(ReleaseCommand.ListStrandedTargets.class);
    assertThat(machine.status()).isEqualTo(ReleaseStatus.ROLLING_BACK);
    machine.strandedTargetsListed(TWO_LEFT);

    assertThat(machine.status()).isEqualTo(ReleaseStatus.ROLLBACK_INCOMPLETE);
    assertThat(machine.next()).isInstanceOf(ReleaseCommand.AwaitRetryRollback.class);
    assertThat(machine.strandedTargets()).isEqualTo(TWO_LEFT);
    assertThat(machine.outcomeReason())
        .startsWith("gate failed on wave 3")
        .contains("wave 3: deployer answered 403; wave 1: deployer answered 403")
        .contains("2 targets: t-3a, t-1a still run the new build");
    assertThat(List.of(machine.waveStatus(1), machine.waveStatus(2), machine.waveStatus(3)))
        .containsExactly(
            WaveStatus.ROLLBACK_FAILED, WaveStatus.ROLLED_BACK, WaveStatus.ROLLBACK_FAILED);
    assertThat(machine.rejection(OperatorAction.PAUSE)).get().asString().contains("incomplete");
    assertThat(machine.rejection(OperatorAction.RESUME)).isPresent();
    assertThat(machine.rejection(OperatorAction.RETRY_ROLLBACK)).isEmpty();
  }

  @Test
  void aRetryReDrivesOnlyTheFailedWavesAndEndsAsTheRollbackWouldHave() {
    machine.rollbackFailed(3, "403");
    machine.waveRolledBack(2);
    machine.rollbackFailed(1, "403");
    machine.strandedTargetsListed(TWO_LEFT);

    machine.apply(OperatorAction.RETRY_ROLLBACK, OP);

    assertThat(machine.status()).isEqualTo(ReleaseStatus.ROLLING_BACK);
    assertThat(machine.next()).isEqualTo(new ReleaseCommand.RollBackWave(3));
    machine.waveRolledBack(3);
    assertThat(machine.next()).isEqualTo(new ReleaseCommand.RollBackWave(1));
    machine.waveRolledBack(1);

    assertThat(machine.status()).isEqualTo(ReleaseStatus.ROLLED_BACK);
    assertThat(machine.outcomeReason()).contains("rollback retried by op: webhook fixed");
    assertThat(machine.strandedTargets()).isEqualTo(StrandedTargets.NONE);
  }

  @Test
  void aRetryThatFailsAgainListsAgain() {
    machine.rollbackFailed(3, "403");
    machine.waveRolledBack(2);
    machine.waveRolledBack(1);
    machine.strandedTargetsListed(StrandedTargets.of(List.of("t-3a")));
    machine.apply(OperatorAction.RETRY_ROLLBACK, OP);

    machine.rollbackFailed(3, "still 403");

    assertThat(machine.next()).isInstanceOf(ReleaseCommand.ListStrandedTargets.class);
    machine.strandedTargetsListed(StrandedTargets.of(List.of("t-3a")));
    assertThat(machine.status()).isEqualTo(ReleaseStatus.ROLLBACK_INCOMPLETE);
    assertThat(machine.outcomeReason()).contains("wave 3: still 403").doesNotContain("wave 2");
  }

  @Test
  void anAbortGivesUpAndEndsFailedStillNamingTheTargets() {
    machine.rollbackFailed(3, "403");
    machine.waveRolledBack(2);
    machine.rollbackFailed(1, "403");
    machine.strandedTargetsListed(TWO_LEFT);

    machine.apply(OperatorAction.ABORT, new OperatorCommand("op", "accepting the risk"));

    assertThat(machine.status()).isEqualTo(ReleaseStatus.FAILED);
    assertThat(machine.outcomeReason())
        .contains("t-3a, t-1a still run the new build")
        .endsWith("rollback given up, aborted by op: accepting the risk");
    assertThat(machine.strandedTargets()).isEqualTo(TWO_LEFT);
  }

  @Test
  void failuresThatLeftNothingBehindEndTheReleaseAsAFullRollback() {
    machine.rollbackFailed(3, "timeout after the deployer acted");
    machine.waveRolledBack(2);
    machine.waveRolledBack(1);

    machine.strandedTargetsListed(StrandedTargets.NONE);

    assertThat(machine.status()).isEqualTo(ReleaseStatus.ROLLED_BACK);
  }

  @Test
  void targetsThatCannotBeListedStillHoldForAnOperatorNamingTheWaves() {
    machine.rollbackFailed(3, "403");
    machine.waveRolledBack(2);
    machine.waveRolledBack(1);

    machine.strandedTargetsUnknown("database unavailable");

    assertThat(machine.status()).isEqualTo(ReleaseStatus.ROLLBACK_INCOMPLETE);
    assertThat(machine.outcomeReason()).contains("wave 3: 403").contains("database unavailable");
  }

  @Test
  void retryRollbackIsRefusedUnlessARollbackFailed() {
    ReleaseStateMachine running = new ReleaseStateMachine(ReleasePolicy.defaults());
    running.enableCompleteRollback();
    running.planned(THREE_WAVES);

    assertThat(running.rejection(OperatorAction.RETRY_ROLLBACK))
        .contains("no rollback of this release has failed");
    assertThat(machine.rejection(OperatorAction.RETRY_ROLLBACK))
        .contains("release is rolling back");
  }

  @Test
  void releasesBeforeTheChangeEndFailedAtTheFirstFailedRollback() {
    ReleaseStateMachine old = new ReleaseStateMachine(ReleasePolicy.defaults());
    old.planned(THREE_WAVES);
    old.deployStarted(1);
    old.waveDeployed(1);
    old.bakeElapsed(1);
    old.gateEvaluated(1, verdict(GateVerdict.PASS));
    old.deployStarted(2);
    old.waveDeployed(2);
    old.bakeElapsed(2);
    old.gateEvaluated(2, verdict(GateVerdict.FAIL));

    old.rollbackFailed(2, "403");

    assertThat(old.status()).isEqualTo(ReleaseStatus.FAILED);
    assertThat(old.outcomeReason()).isEqualTo("rollback of wave 2 failed: 403");
  }

  private static GateResult verdict(GateVerdict verdict) {
    return new GateResult(verdict, verdict.name(), CohortStats.EMPTY, CohortStats.EMPTY);
  }
}
