package io.waveguard.policy.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waveguard.policy.model.CohortStats;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.OperatorAction;
import io.waveguard.policy.model.OperatorCommand;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.WaveSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    assertThat(machine.next()).isInstanceOf(ReleaseCommand.Plan.class);
    machine.planned(THREE_WAVES);
    assertThat(machine.next()).isEqualTo(new ReleaseCommand.DeployWave(1));
    machine.deployStarted(1);
    machine.waveDeployed(1);
    assertThat(machine.next()).isEqualTo(new ReleaseCommand.Bake(1, 0));
    machine.bakeElapsed(1);
    assertThat(machine.next()).isEqualTo(new ReleaseCommand.EvaluateGate(1, 0, null));
    machine.gateEvaluated(1, verdict(GateVerdict.PASS));
    passWave(2);
    passWave(3);

    assertThat(machine.next()).isInstanceOf(ReleaseCommand.Finish.class);
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

    assertThat(machine.next()).isEqualTo(new ReleaseCommand.RollBackWave(2));
    machine.waveRolledBack(2);
    assertThat(machine.next()).isEqualTo(new ReleaseCommand.RollBackWave(1));
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
      // The gate judges the whole bake so far: it is told how many extensions it spans.
      assertThat(machine.next()).isEqualTo(new ReleaseCommand.EvaluateGate(1, extension - 1, null));
      machine.gateEvaluated(1, verdict(GateVerdict.INCONCLUSIVE));
      assertThat(machine.next()).isEqualTo(new ReleaseCommand.Bake(1, extension));
    }
    machine.bakeElapsed(1);
    machine.gateEvaluated(1, verdict(GateVerdict.INCONCLUSIVE));

    assertThat(machine.status()).isEqualTo(ReleaseStatus.PAUSED);
    assertThat(machine.pauseReason()).contains("gate inconclusive on wave 1");
    machine.apply(OperatorAction.RESUME, OP);
    assertThat(machine.next()).isEqualTo(new ReleaseCommand.DeployWave(2));
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
    assertThat(machine.next()).isEqualTo(new ReleaseCommand.RollBackWave(2));
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

    assertThat(gated.next()).isEqualTo(new ReleaseCommand.AwaitApproval(3, Tier.SAFETY_CRITICAL));
    assertThat(gated.status()).isEqualTo(ReleaseStatus.AWAITING_APPROVAL);
    gated.apply(OperatorAction.APPROVE, OP);
    assertThat(gated.next()).isEqualTo(new ReleaseCommand.DeployWave(3));
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
    assertThat(machine.next()).isEqualTo(new ReleaseCommand.Bake(1, 0));
  }

  // ---- re-planning between waves --------------------------------------------------------------

  private final ReleaseStateMachine replanning =
      new ReleaseStateMachine(ReleasePolicy.defaults(), true);

  /** The remaining waves from {@code next} on, same sizes and tiers, impacts changed. */
  private static List<WaveSummary> reranked(int next) {
    return THREE_WAVES.subList(next - 1, THREE_WAVES.size()).stream()
        .map(w -> new WaveSummary(w.index(), w.targetCount(), w.highestTier(), w.impact() + 0.5))
        .toList();
  }

  private static void pass(ReleaseStateMachine m, int wave) {
    m.deployStarted(wave);
    m.waveDeployed(wave);
    m.bakeElapsed(wave);
    m.gateEvaluated(wave, verdict(GateVerdict.PASS));
  }

  @Test
  void withReplanningAPassedWaveIsFollowedByAReplanThenTheNextDeploy() {
    replanning.planned(THREE_WAVES);
    assertThat(replanning.next()).isEqualTo(new ReleaseCommand.DeployWave(1));
    pass(replanning, 1);

    assertThat(replanning.next()).isEqualTo(new ReleaseCommand.Replan(2));
    assertThat(replanning.next().describe()).isEqualTo("re-planning before wave 2");
    assertThat(replanning.status()).isEqualTo(ReleaseStatus.RUNNING);
    assertThat(replanning.currentWave()).isEqualTo(2);

    replanning.replanned(2, reranked(2), Optional.empty());
    assertThat(replanning.next()).isEqualTo(new ReleaseCommand.DeployWave(2));
    assertThat(replanning.waves()).extracting(WaveSummary::impact).containsExactly(1.0, 12.5, 60.5);

    pass(replanning, 2);
    assertThat(replanning.next()).isEqualTo(new ReleaseCommand.Replan(3));
    replanning.replanned(3, reranked(3), Optional.empty());
    assertThat(replanning.next()).isEqualTo(new ReleaseCommand.DeployWave(3));
    pass(replanning, 3);

    // No re-plan after the last wave: the release is done.
    assertThat(replanning.next())
        .isEqualTo(
            new ReleaseCommand.Finish(ReleaseStatus.COMPLETED, "all 3 waves passed their gates"));
  }

  @Test
  void enableReplanningBeforePlanningActsLikeTheConstructorFlag() {
    ReleaseStateMachine enabled = new ReleaseStateMachine(ReleasePolicy.defaults());
    enabled.enableReplanning();
    enabled.planned(THREE_WAVES);
    pass(enabled, 1);

    assertThat(enabled.next()).isEqualTo(new ReleaseCommand.Replan(2));
  }

  @Test
  void replanningCannotBeEnabledOncePlanned() {
    machine.planned(THREE_WAVES);

    assertThatThrownBy(machine::enableReplanning)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before planning");
    pass(machine, 1);
    assertThat(machine.next()).isEqualTo(new ReleaseCommand.DeployWave(2));
  }

  @Test
  void aReplanHoldPausesBeforeTheNextWaveWithItsReasonUntilResumed() {
    replanning.planned(THREE_WAVES);
    pass(replanning, 1);
    String hold = "wave 2 enters tier standard, which needs deployed cohort trust >= 0.500";

    replanning.replanned(2, reranked(2), Optional.of(hold));

    assertThat(replanning.next()).isEqualTo(new ReleaseCommand.AwaitResume(2, hold));
    assertThat(replanning.status()).isEqualTo(ReleaseStatus.PAUSED);
    assertThat(replanning.pauseReason()).isEqualTo(hold);
    assertThat(replanning.rejection(OperatorAction.RESUME)).isEmpty();

    replanning.apply(OperatorAction.RESUME, OP);

    assertThat(replanning.next()).isEqualTo(new ReleaseCommand.DeployWave(2));
    assertThat(replanning.status()).isEqualTo(ReleaseStatus.RUNNING);
    assertThat(replanning.pauseReason()).isNull();
  }

  @Test
  void aFailedReplanHoldsWithItsReason() {
    replanning.planned(THREE_WAVES);
    pass(replanning, 1);

    replanning.replanFailed(2, "trust store unavailable");

    assertThat(replanning.next()).isInstanceOf(ReleaseCommand.AwaitResume.class);
    assertThat(replanning.next().wave()).isEqualTo(2);
    assertThat(replanning.status()).isEqualTo(ReleaseStatus.PAUSED);
    assertThat(replanning.pauseReason())
        .isEqualTo(
            "re-plan before wave 2 failed (trust store unavailable); the stored plan stands");
    assertThat(replanning.waves()).isEqualTo(THREE_WAVES);
    replanning.apply(OperatorAction.RESUME, OP);
    assertThat(replanning.next()).isEqualTo(new ReleaseCommand.DeployWave(2));
  }

  @Test
  void anAbortDuringAReplanRollsBackAndALateReplanIsIgnored() {
    replanning.planned(THREE_WAVES);
    pass(replanning, 1);
    assertThat(replanning.next()).isEqualTo(new ReleaseCommand.Replan(2));

    replanning.apply(OperatorAction.ABORT, OP);
    assertThat(replanning.next()).isEqualTo(new ReleaseCommand.RollBackWave(1));
    int revision = replanning.revision();

    replanning.replanned(2, reranked(2), Optional.of("late hold"));
    replanning.replanFailed(2, "late failure");

    assertThat(replanning.revision()).isEqualTo(revision);
    assertThat(replanning.next()).isEqualTo(new ReleaseCommand.RollBackWave(1));
    assertThat(replanning.waves()).isEqualTo(THREE_WAVES);
    replanning.waveRolledBack(1);
    assertThat(replanning.status()).isEqualTo(ReleaseStatus.ABORTED);
    assertThat(replanning.outcomeReason()).isEqualTo("aborted by op: why");
  }

  @Test
  void aReplanThatChangesAWavesSizeOrTierIsRejectedAndChangesNothing() {
    replanning.planned(THREE_WAVES);
    pass(replanning, 1);
    int revision = replanning.revision();
    List<WaveSummary> resized =
        List.of(new WaveSummary(2, 5, Tier.STANDARD, 15), THREE_WAVES.get(2));
    List<WaveSummary> retiered =
        List.of(THREE_WAVES.get(1), new WaveSummary(3, 2, Tier.FINANCE_CRITICAL, 20));

    assertThatThrownBy(() -> replanning.replanned(2, resized, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wave 2");
    assertThatThrownBy(() -> replanning.replanned(2, retiered, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wave 3");

    assertThat(replanning.revision()).isEqualTo(revision);
    assertThat(replanning.waves()).isEqualTo(THREE_WAVES);
    assertThat(replanning.next()).isEqualTo(new ReleaseCommand.Replan(2));
  }

  @Test
  void aReplanForAnotherWaveIsIgnored() {
    replanning.planned(THREE_WAVES);
    pass(replanning, 1);
    int revision = replanning.revision();

    replanning.replanned(3, reranked(3), Optional.of("stale"));
    replanning.replanFailed(3, "stale");

    assertThat(replanning.revision()).isEqualTo(revision);
    assertThat(replanning.next()).isEqualTo(new ReleaseCommand.Replan(2));
  }

  @Test
  void aFailedGateRollsBackWithoutReplanning() {
    replanning.planned(THREE_WAVES);
    replanning.deployStarted(1);
    replanning.waveDeployed(1);
    replanning.bakeElapsed(1);
    replanning.gateEvaluated(1, verdict(GateVerdict.FAIL));

    assertThat(replanning.next()).isEqualTo(new ReleaseCommand.RollBackWave(1));
  }

  @Test
  void anInconclusiveWaveAtTheLimitStillReplansThenWaitsForAHuman() {
    replanning.planned(THREE_WAVES);
    replanning.deployStarted(1);
    replanning.waveDeployed(1);
    for (int bake = 0; bake <= ReleasePolicy.defaults().maxBakeExtensions(); bake++) {
      replanning.bakeElapsed(1);
      replanning.gateEvaluated(1, verdict(GateVerdict.INCONCLUSIVE));
    }

    assertThat(replanning.next()).isEqualTo(new ReleaseCommand.Replan(2));
    assertThat(replanning.status()).isEqualTo(ReleaseStatus.PAUSED);

    replanning.replanned(2, reranked(2), Optional.of("tier hold"));

    assertThat(replanning.next()).isInstanceOf(ReleaseCommand.AwaitResume.class);
    assertThat(replanning.pauseReason())
        .startsWith("gate inconclusive on wave 1 after 2 extensions")
        .endsWith("; tier hold");
    replanning.apply(OperatorAction.RESUME, OP);
    assertThat(replanning.next()).isEqualTo(new ReleaseCommand.DeployWave(2));
  }

  @Test
  void anInconclusiveLastWaveHoldsWithoutReplanning() {
    replanning.planned(THREE_WAVES.subList(0, 1));
    replanning.deployStarted(1);
    replanning.waveDeployed(1);
    for (int bake = 0; bake <= ReleasePolicy.defaults().maxBakeExtensions(); bake++) {
      replanning.bakeElapsed(1);
      replanning.gateEvaluated(1, verdict(GateVerdict.INCONCLUSIVE));
    }

    assertThat(replanning.next()).isInstanceOf(ReleaseCommand.AwaitResume.class);
    replanning.apply(OperatorAction.RESUME, OP);
    assertThat(replanning.status()).isEqualTo(ReleaseStatus.COMPLETED);
  }

  @Test
  void aPauseDuringAReplanIsKeptAfterIt() {
    replanning.planned(THREE_WAVES);
    pass(replanning, 1);

    replanning.apply(OperatorAction.PAUSE, OP);
    assertThat(replanning.next()).isEqualTo(new ReleaseCommand.Replan(2));
    replanning.replanned(2, reranked(2), Optional.empty());

    assertThat(replanning.next()).isEqualTo(new ReleaseCommand.AwaitResume(2, "paused by op: why"));
    assertThat(replanning.status()).isEqualTo(ReleaseStatus.PAUSED);
  }

  @Test
  void aReplanHoldComesBeforeAnApprovalTheNextTierNeeds() {
    ReleaseStateMachine gated =
        new ReleaseStateMachine(
            ReleasePolicy.defaults().withApprovalTiers(List.of(Tier.SAFETY_CRITICAL)), true);
    gated.planned(THREE_WAVES);
    pass(gated, 1);
    gated.replanned(2, reranked(2), Optional.empty());
    pass(gated, 2);
    gated.replanned(3, reranked(3), Optional.of("safety threshold not met"));

    assertThat(gated.next())
        .isEqualTo(new ReleaseCommand.AwaitResume(3, "safety threshold not met"));
    gated.apply(OperatorAction.RESUME, OP);
    assertThat(gated.next()).isEqualTo(new ReleaseCommand.AwaitApproval(3, Tier.SAFETY_CRITICAL));
    gated.apply(OperatorAction.APPROVE, OP);
    assertThat(gated.next()).isEqualTo(new ReleaseCommand.DeployWave(3));
  }

  @Test
  void withoutReplanningNoReplanIsEverAskedForAndReplanEventsAreIgnored() {
    List<Class<?>> seen = new ArrayList<>();
    machine.planned(THREE_WAVES);
    for (int wave = 1; wave <= 3; wave++) {
      seen.add(machine.next().getClass());
      machine.deployStarted(wave);
      machine.waveDeployed(wave);
      seen.add(machine.next().getClass());
      machine.bakeElapsed(wave);
      seen.add(machine.next().getClass());
      machine.gateEvaluated(wave, verdict(GateVerdict.PASS));
      int revision = machine.revision();
      machine.replanned(wave + 1, List.of(), Optional.of("ignored"));
      machine.replanFailed(wave + 1, "ignored");
      assertThat(machine.revision()).isEqualTo(revision);
      seen.add(machine.next().getClass());
    }

    assertThat(seen).doesNotContain(ReleaseCommand.Replan.class);
    assertThat(seen)
        .containsExactly(
            ReleaseCommand.DeployWave.class,
            ReleaseCommand.Bake.class,
            ReleaseCommand.EvaluateGate.class,
            ReleaseCommand.DeployWave.class,
            ReleaseCommand.DeployWave.class,
            ReleaseCommand.Bake.class,
            ReleaseCommand.EvaluateGate.class,
            ReleaseCommand.DeployWave.class,
            ReleaseCommand.DeployWave.class,
            ReleaseCommand.Bake.class,
            ReleaseCommand.EvaluateGate.class,
            ReleaseCommand.Finish.class);
    assertThat(machine.status()).isEqualTo(ReleaseStatus.COMPLETED);
  }

  @Test
  void aPauseDuringTheLastBakeHoldsTheReleaseBeforeCompletedUntilResumed() {
    machine.enablePauseBeforeCompletion();
    machine.planned(THREE_WAVES);
    passWave(1);
    passWave(2);
    machine.deployStarted(3);
    machine.waveDeployed(3);
    machine.apply(OperatorAction.PAUSE, OP);
    machine.bakeElapsed(3);
    machine.gateEvaluated(3, verdict(GateVerdict.PASS));

    assertThat(machine.status()).isEqualTo(ReleaseStatus.PAUSED);
    assertThat(machine.next()).isInstanceOf(ReleaseCommand.AwaitResume.class);

    machine.apply(OperatorAction.RESUME, OP);

    assertThat(machine.status()).isEqualTo(ReleaseStatus.COMPLETED);
    assertThat(machine.outcomeReason()).contains("last wave accepted by op: why");
  }

  @Test
  void releasesBeforeTheChangeCompleteDespiteAPauseInTheLastBake() {
    machine.planned(THREE_WAVES);
    passWave(1);
    passWave(2);
    machine.deployStarted(3);
    machine.waveDeployed(3);
    machine.apply(OperatorAction.PAUSE, OP);
    machine.bakeElapsed(3);
    machine.gateEvaluated(3, verdict(GateVerdict.PASS));

    assertThat(machine.status()).isEqualTo(ReleaseStatus.COMPLETED);
  }
}
