package io.waveguard.policy.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.policy.model.OperatorAction;
import io.waveguard.policy.model.OperatorCommand;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.TargetsHeldPolicy;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.WaveSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the policy core decides when planning finds targets held by another running release. */
class TargetsHeldStateMachineTest {

  private static final OperatorCommand OP = new OperatorCommand("op", "why");
  private static final String HELD = "running release r-1 holds 2 of its targets: a, b";
  private static final List<WaveSummary> ONE_WAVE = List.of(new WaveSummary(1, 2, Tier.LOW, 2));

  private final ReleaseStateMachine waiting =
      new ReleaseStateMachine(ReleasePolicy.defaults().withWhenTargetsHeld(TargetsHeldPolicy.WAIT));

  @Test
  void byDefaultHeldTargetsFailTheReleaseBeforeAnythingIsDeployed() {
    ReleaseStateMachine refusing = new ReleaseStateMachine(ReleasePolicy.defaults());

    refusing.targetsHeld(HELD);

    assertThat(refusing.status()).isEqualTo(ReleaseStatus.FAILED);
    assertThat(refusing.outcomeReason()).isEqualTo("targets held: " + HELD);
    assertThat(refusing.waves()).isEmpty();
  }

  @Test
  void aWaitingReleaseSleepsLongerAfterEveryClaimThatFindsTheTargetsHeld() {
    waiting.targetsHeld(HELD);

    assertThat(waiting.status()).isEqualTo(ReleaseStatus.WAITING_FOR_TARGETS);
    assertThat(waiting.next()).isEqualTo(new ReleaseCommand.AwaitTargets(1, HELD));
    assertThat(waiting.next().describe()).isEqualTo("its targets to be free (" + HELD + ")");
    assertThat(waiting.heldBy()).isEqualTo(HELD);

    waiting.targetsHeld("running release r-2 holds 1 of its targets: b");

    assertThat(((ReleaseCommand.AwaitTargets) waiting.next()).attempt()).isEqualTo(2);
    assertThat(waiting.heldBy()).contains("r-2");
    assertThat(TargetWait.delaySeconds(1)).isEqualTo(10);
    assertThat(TargetWait.delaySeconds(2)).isEqualTo(20);
    assertThat(TargetWait.delaySeconds(100)).isEqualTo(300);
  }

  @Test
  void aWaitingReleasePlansOnceItsClaimSucceeds() {
    waiting.targetsHeld(HELD);

    waiting.planned(ONE_WAVE);

    assertThat(waiting.next()).isEqualTo(new ReleaseCommand.DeployWave(1));
    assertThat(waiting.status()).isEqualTo(ReleaseStatus.RUNNING);
    assertThat(waiting.heldBy()).isNull();
  }

  @Test
  void onlyAnAbortIsAcceptedWhileWaitingAndItEndsTheReleaseWithNothingToRollBack() {
    waiting.targetsHeld(HELD);

    assertThat(waiting.rejection(OperatorAction.PAUSE)).get().asString().contains("waiting");
    assertThat(waiting.rejection(OperatorAction.APPROVE)).isPresent();
    assertThat(waiting.rejection(OperatorAction.ABORT)).isEmpty();

    waiting.apply(OperatorAction.ABORT, OP);

    assertThat(waiting.status()).isEqualTo(ReleaseStatus.ABORTED);
    assertThat(waiting.next()).isInstanceOf(ReleaseCommand.Finish.class);
    // A claim that answers after the abort changes nothing.
    waiting.planned(ONE_WAVE);
    assertThat(waiting.status()).isEqualTo(ReleaseStatus.ABORTED);
  }
}
