package io.waveguard.policy.calendar;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeCalendarTest {

  private static final String BERLIN = "Europe/Berlin";
  private static final List<DayOfWeek> WEEKDAYS =
      List.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY);
  private static final List<DayOfWeek> EVERY_DAY = List.of(DayOfWeek.values());

  private static ChangeWindow window(List<DayOfWeek> days, String start, String end) {
    return new ChangeWindow(days, LocalTime.parse(start), LocalTime.parse(end));
  }

  private static Instant berlin(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(ZoneId.of(BERLIN)).toInstant();
  }

  @Test
  void aCalendarWithoutWindowsOrBlackoutsAllowsEveryMoment() {
    Instant now = Instant.parse("2026-12-05T03:00:00Z");

    assertThat(ChangeCalendar.always().isAlways()).isTrue();
    assertThat(ChangeCalendar.always().nextAllowed(now)).contains(now);
  }

  @Test
  void afterFridaysWindowTheNextMomentIsMondayMorningInTheCalendarsZone() {
    ChangeCalendar office =
        new ChangeCalendar(BERLIN, List.of(window(WEEKDAYS, "09:00", "17:00")), List.of());

    // 2026-12-04 is a Friday.
    assertThat(office.allows(berlin("2026-12-04T16:59:59"))).isTrue();
    assertThat(office.allows(berlin("2026-12-04T17:00:00"))).isFalse();
    assertThat(office.nextAllowed(berlin("2026-12-04T17:00:00")))
        .contains(berlin("2026-12-07T09:00:00"));
    assertThat(office.nextAllowed(berlin("2026-12-07T10:30:00")))
        .contains(berlin("2026-12-07T10:30:00"));
  }

  @Test
  void aWindowCrossingMidnightRunsIntoTheNextDay() {
    ChangeCalendar nights =
        new ChangeCalendar(BERLIN, List.of(window(List.of(FRIDAY), "22:00", "02:00")), List.of());

    assertThat(nights.allows(berlin("2026-12-04T23:30:00"))).isTrue();
    assertThat(nights.allows(berlin("2026-12-05T01:59:00"))).isTrue(); // Saturday
    assertThat(nights.allows(berlin("2026-12-05T02:00:00"))).isFalse();
    assertThat(nights.allows(berlin("2026-12-05T23:00:00"))).isFalse(); // Saturday night
    assertThat(nights.nextAllowed(berlin("2026-12-05T02:00:00")))
        .contains(berlin("2026-12-11T22:00:00"));
  }

  @Test
  void aBlackoutHoldsUntilItEndsAndThenUntilTheNextWindow() {
    Blackout holidays =
        new Blackout(
            LocalDateTime.parse("2026-12-24T00:00"),
            LocalDateTime.parse("2026-12-28T12:00"),
            "holiday freeze");
    ChangeCalendar calendar =
        new ChangeCalendar(BERLIN, List.of(window(WEEKDAYS, "09:00", "17:00")), List.of(holidays));

    assertThat(calendar.blackoutAt(berlin("2026-12-24T10:00:00"))).contains(holidays);
    // The freeze ends on Monday at noon, inside Monday's window.
    assertThat(calendar.nextAllowed(berlin("2026-12-23T16:59:00")))
        .contains(berlin("2026-12-23T16:59:00"));
    assertThat(calendar.nextAllowed(berlin("2026-12-23T17:00:00")))
        .contains(berlin("2026-12-28T12:00:00"));
  }

  @Test
  void aWindowOpeningInTheSpringForwardGapOpensWhenTheClocksHaveJumped() {
    // Berlin skips 02:00–03:00 on 2026-03-29: the window's first real moment is 03:00 CEST.
    ChangeCalendar early =
        new ChangeCalendar(BERLIN, List.of(window(EVERY_DAY, "02:30", "03:30")), List.of());

    assertThat(early.nextAllowed(Instant.parse("2026-03-28T23:00:00Z")))
        .contains(Instant.parse("2026-03-29T01:00:00Z"));
  }

  @Test
  void afterTheFallBackARepeatedLocalHourReopensTheWindow() {
    // Berlin runs 02:00–03:00 twice on 2026-10-25: 00:00–01:00 UTC (CEST), then 01:00–02:00 (CET).
    ChangeCalendar early =
        new ChangeCalendar(BERLIN, List.of(window(EVERY_DAY, "02:00", "02:30")), List.of());

    assertThat(early.allows(Instant.parse("2026-10-25T00:15:00Z"))).isTrue();
    assertThat(early.nextAllowed(Instant.parse("2026-10-25T00:45:00Z")))
        .contains(Instant.parse("2026-10-25T01:00:00Z"));
  }

  @Test
  void problemsNameTheFieldAnUnknownZoneAnEmptyRangeAndACalendarThatAllowsNothing() {
    Instant now = Instant.parse("2026-12-01T00:00:00Z");
    assertThat(new ChangeCalendar("Mars/Olympus", List.of(), List.of()).problems(now))
        .containsExactly("zone: unknown time zone 'Mars/Olympus'");
    assertThat(
            new ChangeCalendar(
                    "UTC",
                    List.of(window(List.of(), "09:00", "09:00")),
                    List.of(
                        new Blackout(
                            LocalDateTime.parse("2026-12-02T00:00"),
                            LocalDateTime.parse("2026-12-01T00:00"),
                            null)))
                .problems(now))
        .containsExactly(
            "windows[0].days: name at least one weekday",
            "windows[0].end: equals start, so the window is empty",
            "blackouts[0].end: is not after its start 2026-12-02T00:00");
    ChangeCalendar frozen =
        new ChangeCalendar(
            "UTC",
            List.of(window(List.of(SATURDAY, SUNDAY), "10:00", "12:00")),
            List.of(
                new Blackout(
                    LocalDateTime.parse("2026-01-01T00:00"),
                    LocalDateTime.parse("2029-01-01T00:00"),
                    "frozen")));
    assertThat(frozen.problems(now))
        .containsExactly("windows: no allowed time at all in the next 400 days");
    assertThat(new ChangeCalendar(BERLIN, List.of(), List.of()).problems(now)).isEmpty();
  }

  @Test
  void openingsListTheAllowedPeriodsCutByABlackoutAndByTheRangeAsked() {
    Blackout thursdayAfternoon =
        new Blackout(
            LocalDateTime.parse("2026-12-10T13:00"),
            LocalDateTime.parse("2026-12-10T15:00"),
            "audit");
    ChangeCalendar office =
        new ChangeCalendar(
            BERLIN, List.of(window(WEEKDAYS, "09:00", "17:00")), List.of(thursdayAfternoon));

    // From Wednesday noon to Saturday: the rest of Wednesday, Thursday in two parts, Friday.
    List<ChangeCalendar.Opening> openings =
        office.openings(berlin("2026-12-09T12:00:00"), berlin("2026-12-12T00:00:00"));

    assertThat(openings)
        .containsExactly(
            new ChangeCalendar.Opening(
                berlin("2026-12-09T12:00:00"), berlin("2026-12-09T17:00:00")),
            new ChangeCalendar.Opening(
                berlin("2026-12-10T09:00:00"), berlin("2026-12-10T13:00:00")),
            new ChangeCalendar.Opening(
                berlin("2026-12-10T15:00:00"), berlin("2026-12-10T17:00:00")),
            new ChangeCalendar.Opening(
                berlin("2026-12-11T09:00:00"), berlin("2026-12-11T17:00:00")));
  }

  @Test
  void adjacentWindowsAndOnesCrossingMidnightMakeOneOpeningEach() {
    ChangeCalendar shifts =
        new ChangeCalendar(
            BERLIN,
            List.of(
                window(List.of(FRIDAY), "18:00", "22:00"),
                window(List.of(FRIDAY), "22:00", "02:00")),
            List.of());

    assertThat(shifts.openings(berlin("2026-12-04T00:00:00"), berlin("2026-12-06T00:00:00")))
        .containsExactly(
            new ChangeCalendar.Opening(
                berlin("2026-12-04T18:00:00"), berlin("2026-12-05T02:00:00")));
    assertThat(
            ChangeCalendar.always()
                .openings(berlin("2026-12-04T00:00:00"), berlin("2026-12-05T00:00:00")))
        .containsExactly(
            new ChangeCalendar.Opening(
                berlin("2026-12-04T00:00:00"), berlin("2026-12-05T00:00:00")));
  }

  @Test
  void earliestWaveStartsSkipTheClosedHoursBetweenWaves() {
    ChangeCalendar office =
        new ChangeCalendar(BERLIN, List.of(window(WEEKDAYS, "09:00", "17:00")), List.of());

    // Friday 14:00, waves of at least two hours: 14:00, 16:00, then Monday 09:00 and 11:00.
    assertThat(
            office.earliestWaveStarts(
                berlin("2026-12-04T14:00:00"), 4, java.time.Duration.ofHours(2)))
        .containsExactly(
            berlin("2026-12-04T14:00:00"),
            berlin("2026-12-04T16:00:00"),
            berlin("2026-12-07T09:00:00"),
            berlin("2026-12-07T11:00:00"));
  }
}
