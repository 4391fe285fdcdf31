package io.waveguard.workflows.release;

/**
 * The change calendar's answer for one wave at one moment, as recorded in the history (a side
 * effect): the zone's rules come with the JDK, so a replay on another JDK must not recompute it.
 *
 * @param nextAllowedMillis the first allowed moment (epoch millis) at or after the check; -1 when
 *     none comes within the calendar's horizon
 * @param waitingUntil why and until when the wave waits, for its status; null when it may start
 */
record ChangeWindowAnswer(long nextAllowedMillis, String waitingUntil) {}
