package io.waveguard.policy.calendar;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When waves may start: inside one of the weekly {@link ChangeWindow}s (any time when there are
 * none) and outside every {@link Blackout}, both read in one named time zone. Pure: the caller
 * passes "now", and the answer depends on nothing else (the zone's rules come with the JDK, which
 * is why a workflow records the answer instead of recomputing it on replay).
 *
 * <p>Rollbacks are never held by a calendar; only the start of a wave is.
 *
 * @param zone an IANA zone id such as {@code Europe/Berlin}
 * @param windows the weekly windows; empty means every moment outside a blackout is allowed
 * @param blackouts the periods in which nothing starts
 */
public record ChangeCalendar(String zone, List<ChangeWindow> windows, List<Blackout> blackouts) {

  /** How far ahead {@link #nextAllowed} looks before it concludes nothing is ever allowed. */
  public static final Duration HORIZON = Duration.ofDays(400);

  public ChangeCalendar {
    zone = zone == null || zone.isBlank() ? "UTC" : zone;
    windows = windows == null ? List.of() : List.copyOf(windows);
    blackouts = blackouts == null ? List.of() : List.copyOf(blackouts);
  }

  /** No windows and no blackouts: every moment is allowed. */
  public static ChangeCalendar always() {
    return new ChangeCalendar("UTC", List.of(), List.of());
  }

  /** True when this calendar never holds a wave. */
  @JsonIgnore
  public boolean isAlways() {
    return windows.isEmpty() && blackouts.isEmpty();
  }

  /** Whether a wave may start at {@code moment}. */
  public boolean allows(Instant moment) {
    LocalDateTime local = LocalDateTime.ofInstant(moment, zoneId());
    return inWindow(local) && blackoutAt(local).isEmpty();
  }

  /**
   * The first moment at or after {@code now} at which a wave may start; empty when none comes
   * within {@link #HORIZON} (the calendar allows nothing).
   */
  public Optional<Instant> nextAllowed(Instant now) {
    ZoneId zoneId = zoneId();
    ZoneRules rules = zoneId.getRules();
    Instant limit = now.plus(HORIZON);
    Instant candidate = now;
    // Each step jumps to the next moment something may change: a blackout ends, a window opens,
    // or the zone's clocks change (after a fall-back, local times repeat and a window can reopen),
    // so the loop is bounded by the number of such edges within the horizon.
    while (!candidate.isAfter(limit)) {
      LocalDateTime local = LocalDateTime.ofInstant(candidate, zoneId);
      Optional<Blackout> blackout = blackoutAt(local);
      if (blackout.isPresent()) {
        candidate = later(candidate, instantOf(blackout.get().end(), zoneId));
        continue;
      }
      if (inWindow(local)) {
        return Optional.of(candidate);
      }
      Instant next = instantOf(nextWindowOpening(local), zoneId);
      ZoneOffsetTransition clockChange = rules.nextTransition(candidate);
      if (clockChange != null && clockChange.getInstant().isBefore(next)) {
        next = clockChange.getInstant();
      }
      candidate = later(candidate, next);
    }
    return Optional.empty();
  }

  /**
   * The instant a local date-time names; one inside a spring-forward gap names the gap's end (the
   * first moment that local time range really has), one inside a fall-back overlap its first
   * occurrence.
   */
  private static Instant instantOf(LocalDateTime local, ZoneId zoneId) {
    ZoneOffsetTransition transition = zoneId.getRules().getTransition(local);
    if (transition != null && transition.isGap()) {
      return transition.getInstant();
    }
    return local.atZone(zoneId).toInstant();
  }

  /** The blackout in force at {@code moment}, if any (to name it while a release waits). */
  public Optional<Blackout> blackoutAt(Instant moment) {
    return blackoutAt(LocalDateTime.ofInstant(moment, zoneId()));
  }

  /**
   * What is wrong with this calendar as of {@code now}, one message per problem, each starting with
   * the field it is about (relative to the calendar); empty when it is valid.
   */
  public List<String> problems(Instant now) {
    List<String> problems = new ArrayList<>();
    try {
      ZoneId.of(zone);
    } catch (RuntimeException e) {
      problems.add("zone: unknown time zone '" + zone + "'");
      return problems;
    }
    for (int i = 0; i < windows.size(); i++) {
      ChangeWindow w = windows.get(i);
      String field = "windows[" + i + "]";
      if (w.days().isEmpty()) {
        problems.add(field + ".days: name at least one weekday");
      }
      if (w.start() == null || w.end() == null) {
        problems.add(field + ": needs both start and end");
      } else if (w.start().equals(w.end())) {
        problems.add(field + ".end: equals start, so the window is empty");
      }
    }
    for (int i = 0; i < blackouts.size(); i++) {
      Blackout b = blackouts.get(i);
      String field = "blackouts[" + i + "]";
      if (b.start() == null || b.end() == null) {
        problems.add(field + ": needs both start and end");
      } else if (!b.end().isAfter(b.start())) {
        problems.add(field + ".end: is not after its start " + b.start());
      }
    }
    if (problems.isEmpty() && nextAllowed(now).isEmpty()) {
      problems.add(
          (windows.isEmpty() ? "blackouts" : "windows")
              + ": no allowed time at all in the next "
              + HORIZON.toDays()
              + " days");
    }
    return problems;
  }

  private ZoneId zoneId() {
    return ZoneId.of(zone);
  }

  private boolean inWindow(LocalDateTime local) {
    if (windows.isEmpty()) {
      return true;
    }
    LocalTime time = local.toLocalTime();
    DayOfWeek today = local.getDayOfWeek();
    DayOfWeek yesterday = today.minus(1);
    for (ChangeWindow w : windows) {
      if (w.crossesMidnight()) {
        if ((w.days().contains(today) && !time.isBefore(w.start()))
            || (w.days().contains(yesterday) && time.isBefore(w.end()))) {
          return true;
        }
      } else if (w.days().contains(today) && !time.isBefore(w.start()) && time.isBefore(w.end())) {
        return true;
      }
    }
    return false;
  }

  private Optional<Blackout> blackoutAt(LocalDateTime local) {
    return blackouts.stream()
        .filter(b -> !local.isBefore(b.start()) && local.isBefore(b.end()))
        .max(Comparator.comparing(Blackout::end));
  }

  /** The next local moment after {@code local} at which some window opens (within 8 days). */
  private LocalDateTime nextWindowOpening(LocalDateTime local) {
    LocalDateTime best = null;
    LocalDate day = local.toLocalDate();
    for (int offset = 0; offset <= 7; offset++) {
      LocalDate date = day.plusDays(offset);
      for (ChangeWindow w : windows) {
        if (w.days().contains(date.getDayOfWeek())) {
          LocalDateTime opening = date.atTime(w.start());
          if (opening.isAfter(local) && (best == null || opening.isBefore(best))) {
            best = opening;
          }
        }
      }
      if (best != null) {
        return best;
      }
    }
    // Unreachable for a calendar with a window on some weekday; step a week so the loop ends.
    return local.plusDays(7);
  }

  /**
   * The periods in {@code [from, until)} in which a wave may start, in order, each cut at {@code
   * from} and {@code until}; adjacent windows make one period.
   */
  public List<Opening> openings(Instant from, Instant until) {
    List<Opening> openings = new ArrayList<>();
    Instant cursor = from;
    while (cursor.isBefore(until)) {
      Optional<Instant> open = nextAllowed(cursor);
      if (open.isEmpty() || !open.get().isBefore(until)) {
        break;
      }
      Instant close = closingAfter(open.get(), until);
      openings.add(new Opening(open.get(), close));
      cursor = close;
    }
    return openings;
  }

  /**
   * When each of {@code waves} waves could start at the earliest if each took exactly {@code
   * shortestWave} (its minimum bake) and nobody had to approve anything: the first at the first
   * allowed moment from {@code now}, each next one at the first allowed moment after the previous
   * one's shortest end. Shorter than {@code waves} when the calendar runs out of allowed time.
   */
  public List<Instant> earliestWaveStarts(Instant now, int waves, Duration shortestWave) {
    List<Instant> starts = new ArrayList<>();
    Instant earliest = now;
    for (int i = 0; i < waves; i++) {
      Optional<Instant> start = nextAllowed(earliest);
      if (start.isEmpty()) {
        break;
      }
      starts.add(start.get());
      earliest = start.get().plus(shortestWave);
    }
    return starts;
  }

  /** The first moment after the allowed {@code open} that is not allowed, or {@code until}. */
  private Instant closingAfter(Instant open, Instant until) {
    Instant cursor = open;
    while (cursor.isBefore(until)) {
      // Allowed stays allowed until a window closes, a blackout begins or the clocks change.
      Instant edge = nextClosingEdge(cursor);
      if (edge == null || !edge.isBefore(until)) {
        return until;
      }
      if (!allows(edge)) {
        return edge;
      }
      cursor = edge;
    }
    return until;
  }

  /** The earliest window end, blackout start or clock change strictly after {@code moment}. */
  private Instant nextClosingEdge(Instant moment) {
    ZoneId zoneId = zoneId();
    Instant best = null;
    ZoneOffsetTransition clockChange = zoneId.getRules().nextTransition(moment);
    if (clockChange != null) {
      best = clockChange.getInstant();
    }
    LocalDate today = LocalDateTime.ofInstant(moment, zoneId).toLocalDate();
    for (int offset = -1; offset <= 8; offset++) {
      LocalDate date = today.plusDays(offset);
      for (ChangeWindow w : windows) {
        if (w.days().contains(date.getDayOfWeek())) {
          LocalDate closingDay = w.crossesMidnight() ? date.plusDays(1) : date;
          best = earlierAfter(best, instantOf(closingDay.atTime(w.end()), zoneId), moment);
        }
      }
    }
    for (Blackout b : blackouts) {
      best = earlierAfter(best, instantOf(b.start(), zoneId), moment);
    }
    return best;
  }

  private static Instant earlierAfter(Instant best, Instant candidate, Instant moment) {
    if (!candidate.isAfter(moment)) {
      return best;
    }
    return best == null || candidate.isBefore(best) ? candidate : best;
  }

  /** A period in which waves may start: from {@code start} (inclusive) to {@code end}. */
  public record Opening(Instant start, Instant end) {}

  /** A step that always moves forward, so the search cannot stand still on an odd edge. */
  private static Instant later(Instant current, Instant next) {
    return next.isAfter(current) ? next : current.plusSeconds(60);
  }

  /** The moment as a date-time in the calendar's zone, for messages. */
  public ZonedDateTime local(Instant moment) {
    return moment.atZone(zoneId());
  }
}
