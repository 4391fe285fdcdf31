package io.waveguard.api.dto;

import io.swagger.v3.oas.annotations.media.Schema;
import io.waveguard.policy.calendar.Blackout;
import io.waveguard.policy.calendar.ChangeCalendar;
import io.waveguard.policy.calendar.ChangeWindow;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * When a release's waves may start, as a request or the server's configuration writes it: weekly
 * windows and blackout periods in one IANA time zone. Times and dates are strings so that a bad one
 * is answered with the field it is in, not a parse error of the whole body.
 *
 * @param zone an IANA time zone such as {@code Europe/Berlin}; absent: the server's calendar's
 *     zone, or UTC
 * @param windows weekly windows; absent: the server's windows; an empty list: no window, so any
 *     moment outside a blackout
 * @param blackouts periods in which no wave starts, added to the server's (which always apply)
 */
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record ChangeCalendarRequest(
    @Schema(example = "Europe/Berlin") @Size(max = 64) String zone,
    @Size(max = 50) List<@NotNull Window> windows,
    @Size(max = 200) List<@NotNull BlackoutPeriod> blackouts) {

  /**
   * A weekly window: from {@code start} to {@code end} on each of {@code days}; an end at or before
   * its start runs past midnight into the next day.
   *
   * @param days weekdays (monday … sunday, or mon … sun) and ranges such as {@code mon-fri}
   * @param start local time it opens, {@code HH:MM}
   * @param end local time it closes, {@code HH:MM}; {@code 24:00} is midnight at the day's end
   */
  @Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
  public record Window(
      @Schema(example = "[\"mon-fri\"]") @Size(max = 7) List<@NotNull String> days,
      @Schema(example = "09:00") String start,
      @Schema(example = "17:00") String end) {}

  /**
   * A blackout: a date ({@code 2026-12-24}, the whole day; as an end, through that day) or a local
   * date-time ({@code 2026-12-24T18:00}) in the calendar's zone.
   *
   * @param start when it begins (inclusive)
   * @param end when it ends (exclusive for a date-time, inclusive for a date)
   * @param reason why, shown while a release waits for it to end
   */
  @Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
  public record BlackoutPeriod(
      @Schema(example = "2026-12-24") String start,
      @Schema(example = "2026-12-26") String end,
      @Size(max = 200) String reason) {}

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  /** A calendar written the way a request writes it; null for none. */
  public static ChangeCalendarRequest of(ChangeCalendar calendar) {
    if (calendar == null) {
      return null;
    }
    return new ChangeCalendarRequest(
        calendar.zone(),
        calendar.windows().stream()
            .map(
                w ->
                    new Window(
                        w.days().stream().map(d -> d.name().toLowerCase(Locale.ROOT)).toList(),
                        w.start().format(TIME),
                        w.end().format(TIME)))
            .toList(),
        calendar.blackouts().stream()
            .map(b -> new BlackoutPeriod(b.start().toString(), b.end().toString(), b.reason()))
            .toList());
  }

  /** A field of the calendar that cannot be read, with why; the field path is absolute. */
  public record Problem(String field, String message) {}

  /**
   * The calendar these fields describe, or what is wrong with them.
   *
   * @param calendar null when there are problems
   */
  public record Parsed(ChangeCalendar calendar, List<Problem> problems) {}

  /**
   * Reads this request into the policy core's calendar; {@code fallback} fills what it leaves out
   * (its zone and windows) and its blackouts always apply, converted into this calendar's zone.
   *
   * @param field where this calendar sits, such as {@code policy.changeCalendar}
   * @param fallback the server's calendar; null for none
   */
  public Parsed parse(String field, ChangeCalendar fallback) {
    List<Problem> problems = new ArrayList<>();
    String zoneName =
        zone != null ? zone : fallback != null ? fallback.zone() : ChangeCalendar.always().zone();
    ZoneId zoneId;
    try {
      zoneId = ZoneId.of(zoneName);
    } catch (RuntimeException unknown) {
      problems.add(
          new Problem(
              field + ".zone",
              "unknown time zone '%s': name an IANA zone such as Europe/Berlin or UTC"
                  .formatted(zoneName)));
      return new Parsed(null, problems);
    }
    List<ChangeWindow> parsedWindows = windows(field, fallback, zoneId, problems);
    List<Blackout> parsedBlackouts = new ArrayList<>();
    if (fallback != null) {
      ZoneId fallbackZone = ZoneId.of(fallback.zone());
      for (Blackout b : fallback.blackouts()) {
        parsedBlackouts.add(
            new Blackout(
                convert(b.start(), fallbackZone, zoneId),
                convert(b.end(), fallbackZone, zoneId),
                b.reason()));
      }
    }
    List<BlackoutPeriod> requested = blackouts == null ? List.of() : blackouts;
    for (int i = 0; i < requested.size(); i++) {
      Blackout b = blackout(field + ".blackouts[" + i + "]", requested.get(i), problems);
      if (b != null) {
        parsedBlackouts.add(b);
      }
    }
    if (!problems.isEmpty()) {
      return new Parsed(null, problems);
    }
    return new Parsed(new ChangeCalendar(zoneName, parsedWindows, parsedBlackouts), problems);
  }

  private List<ChangeWindow> windows(
      String field, ChangeCalendar fallback, ZoneId zoneId, List<Problem> problems) {
    if (windows == null) {
      if (fallback == null || fallback.windows().isEmpty()) {
        return List.of();
      }
      if (!ZoneId.of(fallback.zone()).equals(zoneId)) {
        problems.add(
            new Problem(
                field + ".windows",
                "the server's windows are in %s, not %s: name this calendar's windows too"
                    .formatted(fallback.zone(), zoneId)));
        return List.of();
      }
      return fallback.windows();
    }
    List<ChangeWindow> parsed = new ArrayList<>();
    for (int i = 0; i < windows.size(); i++) {
      String at = field + ".windows[" + i + "]";
      Window w = windows.get(i);
      Set<DayOfWeek> days = days(at + ".days", w.days(), problems);
      LocalTime start = time(at + ".start", w.start(), false, problems);
      LocalTime end = time(at + ".end", w.end(), true, problems);
      if (start != null && end != null && start.equals(end)) {
        problems.add(
            new Problem(
                at + ".end",
                "equals start (%s), so the window is empty; for a whole day use 00:00 to 24:00"
                    .formatted(w.start())));
      } else if (days != null && start != null && end != null) {
        parsed.add(new ChangeWindow(List.copyOf(days), start, end));
      }
    }
    return parsed;
  }

  private static Set<DayOfWeek> days(String field, List<String> names, List<Problem> problems) {
    if (names == null || names.isEmpty()) {
      problems.add(new Problem(field, "name at least one weekday, such as [\"mon-fri\"]"));
      return null;
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i).trim().toLowerCase(Locale.ROOT);
      String[] range = name.split("-", -1);
      DayOfWeek from = range.length <= 2 ? day(range[0]) : null;
      DayOfWeek to = range.length == 2 ? day(range[1]) : from;
      if (from == null || to == null) {
        problems.add(
            new Problem(
                field + "[" + i + "]",
                "'%s' is not a weekday or a range of them: use monday … sunday, mon … sun, or"
                        .formatted(names.get(i))
                    + " a range such as mon-fri"));
        return null;
      }
      for (DayOfWeek d = from; ; d = d.plus(1)) {
        days.add(d);
        if (d == to) {
          break;
        }
      }
    }
    return days;
  }

  private static DayOfWeek day(String name) {
    for (DayOfWeek d : DayOfWeek.values()) {
      String full = d.name().toLowerCase(Locale.ROOT);
      if (name.equals(full) || name.equals(full.substring(0, 3))) {
        return d;
      }
    }
    return null;
  }

  private static LocalTime time(String field, String value, boolean isEnd, List<Problem> problems) {
    if (value == null) {
      problems.add(new Problem(field, "is required, as HH:MM"));
      return null;
    }
    if (isEnd && value.trim().equals("24:00")) {
      return LocalTime.MIDNIGHT; // an end at midnight: the window runs to the day's end
    }
    try {
      return LocalTime.parse(value.trim());
    } catch (DateTimeParseException e) {
      problems.add(new Problem(field, "'%s' is not a time of day HH:MM".formatted(value)));
      return null;
    }
  }

  private static Blackout blackout(String field, BlackoutPeriod b, List<Problem> problems) {
    LocalDateTime start = moment(field + ".start", b.start(), false, problems);
    LocalDateTime end = moment(field + ".end", b.end(), true, problems);
    if (start == null || end == null) {
      return null;
    }
    if (!end.isAfter(start)) {
      problems.add(
          new Problem(
              field + ".end",
              "%s is not after its start %s".formatted(b.end(), b.start())
                  + (b.end().contains("T") ? "" : " (a date as an end means through that day)")));
      return null;
    }
    return new Blackout(start, end, b.reason());
  }

  /** A date or a local date-time; a date as an end means the end of that day. */
  private static LocalDateTime moment(
      String field, String value, boolean isEnd, List<Problem> problems) {
    if (value == null) {
      problems.add(
          new Problem(field, "is required: a date such as 2026-12-24 or 2026-12-24T18:00"));
      return null;
    }
    String text = value.trim();
    try {
      if (!text.contains("T")) {
        LocalDate date = LocalDate.parse(text);
        return isEnd ? date.plusDays(1).atStartOfDay() : date.atStartOfDay();
      }
      return LocalDateTime.parse(text);
    } catch (DateTimeParseException e) {
      problems.add(
          new Problem(
              field,
              "'%s' is not a date (2026-12-24) or a local date-time (2026-12-24T18:00)"
                  .formatted(value)));
      return null;
    }
  }

  private static LocalDateTime convert(LocalDateTime local, ZoneId from, ZoneId to) {
    return local.atZone(from).withZoneSameInstant(to).toLocalDateTime();
  }
}
