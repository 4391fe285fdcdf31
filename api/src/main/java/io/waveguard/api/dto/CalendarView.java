package io.waveguard.api.dto;

import io.waveguard.policy.calendar.ChangeCalendar;
import java.time.Instant;
import java.util.List;

/**
 * The server's change calendar and what it allows over a stretch of time: the answer of GET
 * /api/v1/calendar. Windows and blackouts are written as a policy's {@code changeCalendar} takes
 * them.
 *
 * @param zone the time zone windows and blackouts are read in
 * @param from the start of the stretch shown
 * @param until its end
 * @param allowedAt whether a wave may start at {@code from}
 * @param nextAllowed the first moment at or after {@code from} a wave may start; null when none
 *     comes within a year
 * @param openings the periods within the stretch in which waves may start
 */
public record CalendarView(
    String zone,
    Instant from,
    Instant until,
    boolean allowedAt,
    Instant nextAllowed,
    List<ChangeCalendarRequest.Window> windows,
    List<ChangeCalendarRequest.BlackoutPeriod> blackouts,
    List<Opening> openings) {

  /** A period in which waves may start; {@code end} is exclusive. */
  public record Opening(Instant start, Instant end) {}

  public static CalendarView of(ChangeCalendar calendar, Instant from, Instant until) {
    ChangeCalendarRequest written = ChangeCalendarRequest.of(calendar);
    return new CalendarView(
        calendar.zone(),
        from,
        until,
        calendar.allows(from),
        calendar.nextAllowed(from).orElse(null),
        written.windows(),
        written.blackouts(),
        calendar.openings(from, until).stream().map(o -> new Opening(o.start(), o.end())).toList());
  }
}
