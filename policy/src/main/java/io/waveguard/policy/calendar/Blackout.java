package io.waveguard.policy.calendar;

import java.time.LocalDateTime;

/**
 * A period in which no wave may start, whatever the windows say, in the calendar's time zone: a
 * freeze for a holiday, a sales event, an audit.
 *
 * @param start the local date-time it begins (inclusive)
 * @param end the local date-time it ends (exclusive)
 * @param reason why, for the release's "waiting for" answer; may be null
 */
public record Blackout(LocalDateTime start, LocalDateTime end, String reason) {}
