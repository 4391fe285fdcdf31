package io.waveguard.workflows.activities;

import io.waveguard.policy.model.NotificationEvent;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Tier;
import java.time.Instant;

/**
 * One event of a release, as the workflow decided it; the activity renders it into the webhook's
 * format and adds the links its configuration knows.
 *
 * @param eventId stable across delivery attempts and unique per event (see {@code ReleaseEvent#id})
 * @param wave the wave it concerns; 0 before planning
 * @param tier the tier awaiting approval; null for other events
 * @param reason why it happened; null when nothing says
 * @param at the workflow's time when the event happened
 */
public record ReleaseNotification(
    String eventId,
    NotificationEvent event,
    String releaseId,
    String service,
    String version,
    ReleaseStatus status,
    int wave,
    int waveCount,
    Tier tier,
    String reason,
    Instant at) {}
