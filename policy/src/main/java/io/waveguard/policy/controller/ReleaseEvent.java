package io.waveguard.policy.controller;

import io.waveguard.policy.model.NotificationEvent;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Tier;

/**
 * One thing worth telling a release's webhooks, as {@link ReleaseEvents} decided it.
 *
 * @param status the release's status when it happened
 * @param wave the wave it concerns (the passed wave, the wave awaiting approval, the current wave)
 * @param tier the tier awaiting approval; null for other events
 * @param reason why (the pause's, the rollback's or the ending's reason); null when none applies
 * @param revision the state machine's revision it was seen at, which keeps ids apart when the same
 *     event happens twice on one wave (a second pause)
 */
public record ReleaseEvent(
    NotificationEvent type,
    ReleaseStatus status,
    int wave,
    int waveCount,
    Tier tier,
    String reason,
    int revision) {

  /**
   * The event's stable id: the same for every delivery attempt of this event, different for every
   * other event, so receivers can drop repeats. Example: {@code rel-42:paused:wave-2:r17}.
   */
  public String id(String releaseId) {
    return "%s:%s:wave-%d:r%d".formatted(releaseId, type.wireName(), wave, revision);
  }
}
