package io.waveguard.activities.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waveguard.workflows.activities.ReleaseNotification;

/**
 * The generic notification body, schema version 1 (docs/notifications.md). Every field is always
 * present, null when it does not apply; fields are only ever added, and a change that is not an
 * addition gets a new {@code schemaVersion}.
 *
 * @param id stable across retries: a receiver drops a body whose id it has seen
 * @param type release-started, wave-passed, paused, approval-needed, rollback-started or finished
 * @param status the release's status (finished: COMPLETED, ROLLED_BACK, ABORTED, FAILED or
 *     ROLLBACK_INCOMPLETE)
 * @param tier the tier awaiting approval (approval-needed only)
 * @param timestamp when the release reached this point, ISO-8601 UTC
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JsonEvent(
    int schemaVersion,
    String id,
    String type,
    String releaseId,
    String service,
    String version,
    String status,
    int wave,
    int waveCount,
    String tier,
    String reason,
    String timestamp,
    NotificationLinks links) {

  public static final int SCHEMA_VERSION = 1;

  static JsonEvent of(ReleaseNotification n, NotificationLinks links) {
    return new JsonEvent(
        SCHEMA_VERSION,
        n.eventId(),
        n.event().wireName(),
        n.releaseId(),
        n.service(),
        n.version(),
        n.status().name(),
        n.wave(),
        n.waveCount(),
        n.tier() == null ? null : n.tier().wireName(),
        n.reason(),
        n.at().toString(),
        links);
  }
}
