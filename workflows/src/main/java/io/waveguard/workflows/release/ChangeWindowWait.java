package io.waveguard.workflows.release;

import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import io.waveguard.policy.calendar.Blackout;
import io.waveguard.policy.calendar.ChangeCalendar;
import io.waveguard.policy.controller.ReleaseCommand;
import io.waveguard.policy.controller.ReleaseStateMachine;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Carries out {@link ReleaseCommand.AwaitChangeWindow}: asks the policy core's {@link
 * ChangeCalendar} whether the wave may start now and, if not, waits on a durable timer until the
 * moment it names. Any change to the release (an abort, a pause) ends the wait early; the machine
 * then decides again.
 */
final class ChangeWindowWait {

  /** With a calendar that allows nothing in its horizon: look again after this long. */
  private static final Duration RECHECK_WHEN_NEVER = Duration.ofDays(1);

  private ChangeWindowWait() {}

  static void await(
      ReleaseStateMachine machine, ChangeCalendar calendar, ReleaseCommand.AwaitChangeWindow wait) {
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    ChangeWindowAnswer answer =
        Workflow.sideEffect(ChangeWindowAnswer.class, () -> answer(calendar, now));
    if (answer.waitingUntil() == null) {
      machine.changeWindowOpen(wait.wave());
      return;
    }
    machine.changeWindowClosed(wait.wave(), answer.waitingUntil());
    Duration delay =
        answer.nextAllowedMillis() < 0
            ? RECHECK_WHEN_NEVER
            : Duration.ofMillis(answer.nextAllowedMillis() - now.toEpochMilli());
    Promise<Void> timer =
        Workflow.newTimer(
            delay,
            TimerOptions.newBuilder()
                .setSummary(
                    "wait for the change window before wave %d, %s"
                        .formatted(wait.wave(), answer.waitingUntil()))
                .build());
    int seen = machine.revision();
    Workflow.await(() -> timer.isCompleted() || machine.revision() != seen);
  }

  /** The policy core's answer, in words for the release's status. */
  static ChangeWindowAnswer answer(ChangeCalendar calendar, Instant now) {
    Optional<Instant> next = calendar.nextAllowed(now);
    if (next.isPresent() && !next.get().isAfter(now)) {
      return new ChangeWindowAnswer(next.get().toEpochMilli(), null);
    }
    Optional<Blackout> blackout = calendar.blackoutAt(now);
    String why =
        blackout
            .map(b -> "inside the blackout" + (b.reason() == null ? "" : " '" + b.reason() + "'"))
            .orElse("outside the change windows");
    if (next.isEmpty()) {
      return new ChangeWindowAnswer(
          -1,
          "no allowed moment in the next %d days (%s)"
              .formatted(ChangeCalendar.HORIZON.toDays(), why));
    }
    return new ChangeWindowAnswer(
        next.get().toEpochMilli(),
        "until %s, %s".formatted(calendar.local(next.get()).truncatedTo(ChronoUnit.SECONDS), why));
  }
}
