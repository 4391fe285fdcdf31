package io.waveguard.activities.release;

import io.temporal.activity.ActivityInfo;
import java.time.Instant;

/**
 * Temporal's clock as seen inside an activity attempt: the server's start time of the attempt,
 * advanced by the real time elapsed since. Gate windows are measured in workflow time, which under
 * the test server's time skipping runs far ahead of the wall clock; deployment times recorded on
 * this clock stay comparable with those windows.
 */
final class ActivityClock {

  private final long startedAtMillis;
  private final long startedNanos;

  private ActivityClock(long startedAtMillis) {
    this.startedAtMillis = startedAtMillis;
    this.startedNanos = System.nanoTime();
  }

  static ActivityClock of(ActivityInfo info) {
    long started = info.getStartedTimestamp();
    return new ActivityClock(started > 0 ? started : System.currentTimeMillis());
  }

  Instant now() {
    return Instant.ofEpochMilli(startedAtMillis).plusNanos(System.nanoTime() - startedNanos);
  }
}
