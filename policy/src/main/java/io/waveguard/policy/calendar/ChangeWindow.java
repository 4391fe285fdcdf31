package io.waveguard.policy.calendar;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;

/**
 * A weekly time range in which waves may start, in the calendar's time zone: from {@code start} to
 * {@code end} on each of {@code days}. An end at or before the start crosses midnight: "Friday
 * 22:00–02:00" runs into Saturday's first two hours.
 *
 * @param days the weekdays the range starts on
 * @param start the local time it opens (inclusive)
 * @param end the local time it closes (exclusive)
 */
public record ChangeWindow(List<DayOfWeek> days, LocalTime start, LocalTime end) {

  public ChangeWindow {
    // In weekday order, each once.
    days = days == null || days.isEmpty() ? List.of() : List.copyOf(EnumSet.copyOf(days));
  }

  /** True when the range runs past midnight into the next day. */
  public boolean crossesMidnight() {
    return !end.isAfter(start);
  }
}
