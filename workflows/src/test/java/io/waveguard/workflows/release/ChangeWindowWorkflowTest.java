package io.waveguard.workflows.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.converter.DefaultDataConverter;
import io.waveguard.policy.calendar.Blackout;
import io.waveguard.policy.calendar.ChangeCalendar;
import io.waveguard.policy.calendar.ChangeWindow;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.OperatorCommand;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Strategy;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Waves start only when the release's change calendar allows: the release waits on a durable timer
 * (time-skipped here) and goes on by itself, across midnight and a daylight-saving change.
 */
@Timeout(120)
class ChangeWindowWorkflowTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private ReleaseTestEnvironment temporal;

  @AfterEach
  void stop() {
    if (temporal != null) {
      temporal.close();
    }
  }

  private ReleaseWorkflow start(String id, Instant at, ChangeCalendar calendar) {
    temporal =
        new ReleaseTestEnvironment(at)
            .start(
                new InMemoryReleaseActivities(InMemoryReleaseActivities.Fleet.ofTiers(5))
                    .sequentialVerdicts((wave, period, tier) -> GateVerdict.PASS));
    return temporal.startRelease(
        ReleaseTestEnvironment.spec(
            id,
            Strategy.TRUST_WEIGHTED,
            ReleaseHistoryRecorder.SEQUENTIAL.withChangeCalendar(calendar)));
  }

  private static Instant berlin(String local) {
    return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
  }

  @Test
  void aReleaseStartedJustBeforeABlackoutWaitsItOutAndGoesOnByItself() {
    Instant blackoutStart = berlin("2026-12-24T00:00");
    Instant blackoutEnd = berlin("2026-12-27T00:00");
    ChangeCalendar calendar =
        new ChangeCalendar(
            BERLIN.getId(),
            List.of(),
            List.of(
                new Blackout(
                    LocalDateTime.parse("2026-12-24T00:00"),
                    LocalDateTime.parse("2026-12-27T00:00"),
                    "holiday freeze")));
    ReleaseWorkflow release = start("blackout", berlin("2026-12-23T23:50"), calendar);

    // A few minutes in, the blackout begins and the next wave waits for it to end.
    temporal.env.sleep(Duration.ofMinutes(30));
    ReleaseState waiting = release.state();
    assertThat(waiting.status()).isEqualTo(ReleaseStatus.WAITING_FOR_WINDOW);
    assertThat(waiting.waitingFor())
        .contains("until 2026-12-27T00:00+01:00[Europe/Berlin]")
        .contains("inside the blackout 'holiday freeze'");

    ReleaseState done = release.run(null, null);
    assertThat(done.status()).isEqualTo(ReleaseStatus.COMPLETED);
    List<Instant> deploys = deployTimes("blackout");
    assertThat(deploys).anyMatch(t -> t.isBefore(blackoutStart));
    assertThat(deploys).anyMatch(t -> !t.isBefore(blackoutEnd));
    assertThat(deploys).noneMatch(t -> !t.isBefore(blackoutStart) && t.isBefore(blackoutEnd));
    assertThat(timerSummaries("blackout"))
        .anyMatch(
            s ->
                s.matches(
                    "wait for the change window before wave \\d+, until"
                        + " 2026-12-27T00:00\\+01:00\\[Europe/Berlin], inside the blackout"
                        + " 'holiday freeze'"));
  }

  @Test
  void aWindowCrossingMidnightLetsWavesStartAfterMidnightUntilItCloses() {
    ChangeCalendar fridayNights =
        new ChangeCalendar(
            BERLIN.getId(),
            List.of(
                new ChangeWindow(
                    List.of(DayOfWeek.FRIDAY), LocalTime.parse("22:00"), LocalTime.parse("02:00"))),
            List.of());
    // Saturday 01:45: inside Friday's window, which closes at 02:00 before the release is done.
    ReleaseWorkflow release = start("midnight", berlin("2026-12-05T01:45"), fridayNights);

    assertThat(release.run(null, null).status()).isEqualTo(ReleaseStatus.COMPLETED);
    List<Instant> deploys = deployTimes("midnight");
    assertThat(deploys.get(0)).isBefore(berlin("2026-12-05T02:00"));
    assertThat(deploys)
        .allSatisfy(t -> assertThat(fridayNights.allows(t)).as("deploy at %s", t).isTrue());
    // The rest waited for the next Friday night.
    assertThat(deploys.get(deploys.size() - 1)).isAfterOrEqualTo(berlin("2026-12-11T22:00"));
  }

  @Test
  void aWindowOpeningInsideTheSpringForwardGapOpensWhenTheClocksHaveJumped() {
    // Berlin skips 02:00–03:00 on 2026-03-29; the window 02:30–03:30 really opens at 03:00 CEST.
    ChangeCalendar early =
        new ChangeCalendar(
            BERLIN.getId(),
            List.of(
                new ChangeWindow(
                    List.of(DayOfWeek.values()),
                    LocalTime.parse("02:30"),
                    LocalTime.parse("03:30"))),
            List.of());
    ReleaseWorkflow release = start("spring-forward", berlin("2026-03-29T00:30"), early);

    assertThat(release.run(null, null).status()).isEqualTo(ReleaseStatus.COMPLETED);
    Instant firstDeploy = deployTimes("spring-forward").get(0);
    assertThat(firstDeploy)
        .isAfterOrEqualTo(Instant.parse("2026-03-29T01:00:00Z"))
        .isBefore(Instant.parse("2026-03-29T01:05:00Z"));
  }

  @Test
  void anAbortWhileWaitingForTheWindowEndsTheReleaseWithNothingDeployed() {
    ChangeCalendar weekdays =
        new ChangeCalendar(
            BERLIN.getId(),
            List.of(
                new ChangeWindow(
                    List.of(DayOfWeek.MONDAY), LocalTime.parse("09:00"), LocalTime.parse("17:00"))),
            List.of());
    // Saturday: the first wave waits for Monday morning.
    ReleaseWorkflow release = start("abort-wait", berlin("2026-12-05T10:00"), weekdays);
    temporal.env.sleep(Duration.ofMinutes(5));
    assertThat(release.state().status()).isEqualTo(ReleaseStatus.WAITING_FOR_WINDOW);

    release.abort(new OperatorCommand("ann", "not before the holidays"));

    assertThat(release.run(null, null).status()).isEqualTo(ReleaseStatus.ABORTED);
    assertThat(deployTimes("abort-wait")).isEmpty();
  }

  private List<HistoryEvent> history(String id) {
    return temporal.client().fetchHistory("release-" + id).getHistory().getEventsList();
  }

  private List<Instant> deployTimes(String id) {
    return history(id).stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .filter(
            e ->
                e.getActivityTaskScheduledEventAttributes()
                    .getActivityType()
                    .getName()
                    .equals("DeployWave"))
        .map(e -> Instant.ofEpochSecond(e.getEventTime().getSeconds(), e.getEventTime().getNanos()))
        .toList();
  }

  private List<String> timerSummaries(String id) {
    return history(id).stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED)
        .filter(e -> e.hasUserMetadata() && e.getUserMetadata().hasSummary())
        .map(
            e ->
                DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
                    e.getUserMetadata().getSummary(), String.class, String.class))
        .toList();
  }
}
