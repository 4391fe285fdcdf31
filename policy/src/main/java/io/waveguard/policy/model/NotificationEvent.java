package io.waveguard.policy.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a release tells its webhooks about; the wire names are part of the documented schema. */
public enum NotificationEvent {
  /** The release began (once per release, not per run). */
  RELEASE_STARTED("release-started"),
  /** A wave's gate passed; off unless a webhook asks for it, since a release has many waves. */
  WAVE_PASSED("wave-passed"),
  /** The release is paused, by an operator or by the gate, with the reason. */
  PAUSED("paused"),
  /** The next wave waits for an operator's approval of a tier. */
  APPROVAL_NEEDED("approval-needed"),
  /** The release began undoing its waves (after a failed gate, a failed deploy or an abort). */
  ROLLBACK_STARTED("rollback-started"),
  /** The release reached a final status, or ROLLBACK_INCOMPLETE, which waits for a human. */
  FINISHED("finished");

  /** The events a webhook receives when it names none: every one but wave-passed. */
  public static final List<NotificationEvent> DEFAULTS =
      List.of(RELEASE_STARTED, PAUSED, APPROVAL_NEEDED, ROLLBACK_STARTED, FINISHED);

  private final String wireName;

  NotificationEvent(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  public static Optional<NotificationEvent> fromWireName(String name) {
    return Arrays.stream(values()).filter(e -> e.wireName.equals(name)).findFirst();
  }

  @JsonCreator
  static NotificationEvent fromJson(String name) {
    return fromWireName(name)
        .orElseThrow(
            () -> new IllegalArgumentException("unknown notification event '" + name + "'"));
  }
}
