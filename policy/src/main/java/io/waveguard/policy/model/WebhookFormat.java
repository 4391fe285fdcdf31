package io.waveguard.policy.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** The body a notification webhook receives. */
public enum WebhookFormat {
  /** A Slack incoming-webhook message: Block Kit {@code blocks} and a {@code text} fallback. */
  SLACK("slack"),
  /** The generic, versioned JSON event (docs/notifications.md), signed when a secret is set. */
  JSON("json");

  private final String wireName;

  WebhookFormat(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  public static Optional<WebhookFormat> fromWireName(String name) {
    return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst();
  }

  @JsonCreator
  static WebhookFormat fromJson(String name) {
    return fromWireName(name)
        .orElseThrow(() -> new IllegalArgumentException("unknown webhook format '" + name + "'"));
  }
}
