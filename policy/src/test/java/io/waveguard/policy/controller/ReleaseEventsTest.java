package io.waveguard.policy.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.policy.model.CohortStats;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.NotificationEvent;
import io.waveguard.policy.model.NotificationWebhook;
import io.waveguard.policy.model.OperatorAction;
import io.waveguard.policy.model.OperatorCommand;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.WaveSummary;
import io.waveguard.policy.model.WebhookFormat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseEventsTest {

  private static final List<WaveSummary> THREE_WAVES =
      List.of(
          new WaveSummary(1, 1, Tier.LOW, 1),
          new WaveSummary(2, 4, Tier.STANDARD, 12),
          new WaveSummary(3, 2, Tier.FINANCE_CRITICAL, 60));

  private final ReleaseStateMachine machine =
      new ReleaseStateMachine(
          ReleasePolicy.defaults().withApprovalTiers(List.of(Tier.FINANCE_CRITICAL)));
  private final ReleaseEvents events = ReleaseEvents.fromStart();
  private final List<ReleaseEvent> seen = new ArrayList<>();

  private void look() {
    seen.addAll(events.observe(machine.observe()));
  }

  private static GateResult verdict(GateVerdict verdict) {
    return new GateResult(verdict, "gate said " + verdict, CohortStats.EMPTY, CohortStats.EMPTY);
  }

  private void deployAndJudge(int wave, GateVerdict verdict) {
    machine.deployStarted(wave);
    look();
    machine.waveDeployed(wave);
    look();
    machine.bakeElapsed(wave);
    look();
    machine.gateEvaluated(wave, verdict(verdict));
    look();
  }

  private List<NotificationEvent> types() {
    return seen.stream().map(ReleaseEvent::type).toList();
  }

  @Test
  void aReleaseThatPausesWaitsForApprovalAndCompletesEmitsEachOnce() {
    look();
    machine.planned(THREE_WAVES);
    look();
    deployAndJudge(1, GateVerdict.PASS);
    machine.apply(OperatorAction.PAUSE, new OperatorCommand("alice", "dashboard looks odd"));
    look();
    look();
    machine.apply(OperatorAction.RESUME, new OperatorCommand("alice", "fine"));
    look();
    deployAndJudge(2, GateVerdict.PASS);
    look();
    machine.apply(OperatorAction.APPROVE, new OperatorCommand("carol", "reviewed"));
    look();
    deployAndJudge(3, GateVerdict.PASS);

    assertThat(types())
        .containsExactly(
            NotificationEvent.RELEASE_STARTED,
            NotificationEvent.WAVE_PASSED,
            NotificationEvent.PAUSED,
            NotificationEvent.WAVE_PASSED,
            NotificationEvent.APPROVAL_NEEDED,
            NotificationEvent.WAVE_PASSED,
            NotificationEvent.FINISHED);
    assertThat(seen.get(2).reason()).contains("dashboard looks odd");
    assertThat(seen.get(4).tier()).isEqualTo(Tier.FINANCE_CRITICAL);
    assertThat(seen.get(4).wave()).isEqualTo(3);
    assertThat(seen.get(6).status()).isEqualTo(ReleaseStatus.COMPLETED);
    assertThat(seen.stream().map(e -> e.id("rel-1")).distinct()).hasSize(seen.size());
  }

  @Test
  void aFailedGateAnnouncesTheRollbackAndTheEndWithTheirReason() {
    look();
    machine.planned(THREE_WAVES);
    deployAndJudge(1, GateVerdict.PASS);
    deployAndJudge(2, GateVerdict.FAIL);
    machine.waveRolledBack(2);
    look();
    machine.waveRolledBack(1);
    look();

    assertThat(types())
        .containsExactly(
            NotificationEvent.RELEASE_STARTED,
            NotificationEvent.WAVE_PASSED,
            NotificationEvent.ROLLBACK_STARTED,
            NotificationEvent.FINISHED);
    assertThat(seen.get(2).reason()).contains("gate said FAIL");
    assertThat(seen.get(3).status()).isEqualTo(ReleaseStatus.ROLLED_BACK);
  }

  @Test
  void aContinuedRunAnnouncesNothingTheRunBeforeDid() {
    machine.planned(THREE_WAVES);
    deployAndJudge(1, GateVerdict.PASS);
    ReleaseEvents continued = ReleaseEvents.resumingAt(machine.observe());

    assertThat(continued.observe(machine.observe())).isEmpty();
  }

  @Test
  void aSecondPauseOnTheSameWaveHasItsOwnId() {
    machine.planned(THREE_WAVES);
    look();
    for (int i = 0; i < 2; i++) {
      machine.apply(OperatorAction.PAUSE, new OperatorCommand("alice", "hold " + i));
      look();
      machine.apply(OperatorAction.RESUME, new OperatorCommand("alice", "go"));
      look();
    }

    List<ReleaseEvent> pauses =
        seen.stream().filter(e -> e.type() == NotificationEvent.PAUSED).toList();
    assertThat(pauses).hasSize(2);
    assertThat(pauses.get(0).id("r")).isNotEqualTo(pauses.get(1).id("r"));
  }

  @Test
  void aPolicyRoutesEachEventToTheWebhooksThatAskForIt() {
    NotificationWebhook slack =
        NotificationWebhook.configured("ops-slack", NotificationEvent.DEFAULTS);
    NotificationWebhook own =
        new NotificationWebhook(
            null,
            "https://hooks.example/x?token=1",
            WebhookFormat.JSON,
            List.of(NotificationEvent.WAVE_PASSED),
            null);
    ReleasePolicy policy = ReleasePolicy.defaults().withNotifications(List.of(slack, own));

    assertThat(policy.webhooksFor(NotificationEvent.WAVE_PASSED)).containsExactly(own);
    assertThat(policy.webhooksFor(NotificationEvent.FINISHED)).containsExactly(slack);
    assertThat(policy.hasNotifications()).isTrue();
    assertThat(ReleasePolicy.defaults().hasNotifications()).isFalse();
    assertThat(own.describe()).isEqualTo("https://hooks.example/x");
  }
}
