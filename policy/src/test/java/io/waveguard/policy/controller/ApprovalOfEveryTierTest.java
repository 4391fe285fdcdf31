package io.waveguard.policy.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.policy.model.OperatorAction;
import io.waveguard.policy.model.OperatorCommand;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.WaveSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A wave of mixed tiers waits for the approval of each tier the policy names. */
class ApprovalOfEveryTierTest {

  private static final ReleasePolicy FINANCE_NEEDS_APPROVAL =
      ReleasePolicy.defaults().withApprovalTiers(List.of(Tier.FINANCE_CRITICAL));

  /** As the waves strategy cuts them: the second wave mixes standard, finance and safety. */
  private static final List<WaveSummary> MIXED =
      List.of(
          new WaveSummary(1, 2, Tier.LOW, 1.0, List.of(Tier.LOW)),
          new WaveSummary(
              2,
              9,
              Tier.SAFETY_CRITICAL,
              30.0,
              List.of(Tier.STANDARD, Tier.FINANCE_CRITICAL, Tier.SAFETY_CRITICAL)));

  private static ReleaseStateMachine atWaveTwo(boolean everyTier) {
    ReleaseStateMachine machine = new ReleaseStateMachine(FINANCE_NEEDS_APPROVAL);
    if (everyTier) {
      machine.enableApprovalOfEveryTier();
    }
    machine.planned(MIXED);
    machine.deployStarted(1);
    machine.waveDeployed(1);
    machine.bakeElapsed(1);
    machine.gateEvaluated(
        1,
        new io.waveguard.policy.model.GateResult(
            io.waveguard.policy.model.GateVerdict.PASS,
            "ok",
            io.waveguard.policy.model.CohortStats.EMPTY,
            io.waveguard.policy.model.CohortStats.EMPTY));
    return machine;
  }

  @Test
  void aWaveHoldingAFinanceCriticalTargetWaitsForItsApprovalWhateverItsHighestTier() {
    ReleaseStateMachine machine = atWaveTwo(true);

    assertThat(machine.next())
        .isEqualTo(new ReleaseCommand.AwaitApproval(2, Tier.FINANCE_CRITICAL));
    assertThat(machine.status()).isEqualTo(ReleaseStatus.AWAITING_APPROVAL);

    machine.apply(OperatorAction.APPROVE, new OperatorCommand("ann", "finance reviewed"));
    assertThat(machine.next()).isEqualTo(new ReleaseCommand.DeployWave(2));
  }

  @Test
  void releasesFromBeforeTheChangeAskedAboutTheHighestTierOnly() {
    ReleaseStateMachine machine = atWaveTwo(false);

    assertThat(machine.next()).isEqualTo(new ReleaseCommand.DeployWave(2));
  }

  @Test
  void aWaveFromAStoredPlanWithoutItsTiersIsJudgedByItsHighestTier() {
    WaveSummary stored = new WaveSummary(2, 9, Tier.SAFETY_CRITICAL, 30.0);

    assertThat(stored.tiers()).containsExactly(Tier.SAFETY_CRITICAL);
  }
}
