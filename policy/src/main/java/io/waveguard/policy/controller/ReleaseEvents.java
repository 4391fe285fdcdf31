package io.waveguard.policy.controller;

import io.waveguard.policy.model.NotificationEvent;
import io.waveguard.policy.model.ReleaseStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which notification events a release emits: it compares each {@link ReleaseObservation}
 * with the one before and names what changed. Pure and deterministic, so a workflow replaying its
 * history decides exactly the same events, with the same ids.
 */
public final class ReleaseEvents {

  private ReleaseObservation last;
  private int passedThrough;

  private ReleaseEvents(ReleaseObservation last) {
    this.last = last;
    this.passedThrough = last == null ? 0 : last.passedWaves();
  }

  /** For a release's first run: its first observation announces the release. */
  public static ReleaseEvents fromStart() {
    return new ReleaseEvents(null);
  }

  /**
   * For a run that continues a release: everything up to {@code current} was announced by the run
   * before (it let its notifications finish before handing over).
   */
  public static ReleaseEvents resumingAt(ReleaseObservation current) {
    return new ReleaseEvents(current);
  }

  /** The events between the last observation and {@code now}, in the order they happened. */
  public List<ReleaseEvent> observe(ReleaseObservation now) {
    List<ReleaseEvent> events = new ArrayList<>();
    ReleaseObservation before = last;
    last = now;
    if (before == null) {
      events.add(event(NotificationEvent.RELEASE_STARTED, now, now.wave(), null));
    }
    // Waves pass in order; a rollback later marks them rolled back, which is no news here.
    for (int w = passedThrough + 1; w <= now.passedWaves(); w++) {
      events.add(event(NotificationEvent.WAVE_PASSED, now, w, null));
    }
    passedThrough = Math.max(passedThrough, now.passedWaves());
    ReleaseStatus was = before == null ? null : before.status();
    ReleaseStatus is = now.status();
    if (is == ReleaseStatus.PAUSED && was != ReleaseStatus.PAUSED) {
      events.add(event(NotificationEvent.PAUSED, now, now.wave(), now.reason()));
    }
    if (is == ReleaseStatus.AWAITING_APPROVAL
        && (was != ReleaseStatus.AWAITING_APPROVAL
            || before.awaitingTier() != now.awaitingTier()
            || before.wave() != now.wave())) {
      events.add(event(NotificationEvent.APPROVAL_NEEDED, now, now.wave(), null));
    }
    if (is == ReleaseStatus.ROLLING_BACK && was != ReleaseStatus.ROLLING_BACK) {
      events.add(event(NotificationEvent.ROLLBACK_STARTED, now, now.wave(), now.reason()));
    }
    if (endsOrWaits(is) && is != was) {
      events.add(event(NotificationEvent.FINISHED, now, now.wave(), now.reason()));
    }
    return events;
  }

  /** A final status, or a rollback that stopped short and waits for a human. */
  private static boolean endsOrWaits(ReleaseStatus status) {
    return status.isFinal() || status == ReleaseStatus.ROLLBACK_INCOMPLETE;
  }

  private static ReleaseEvent event(
      NotificationEvent type, ReleaseObservation now, int wave, String reason) {
    return new ReleaseEvent(
        type,
        now.status(),
        wave,
        now.waveCount(),
        type == NotificationEvent.APPROVAL_NEEDED ? now.awaitingTier() : null,
        reason,
        now.revision());
  }
}
