package io.waveguard.activities.notify;

import io.waveguard.policy.model.WebhookFormat;
import java.net.URI;

/**
 * Where and how one notification is posted, with its signing secret's value (never logged, never in
 * a workflow's history).
 *
 * @param secret the HMAC key; null to send the body unsigned
 */
public record WebhookEndpoint(URI url, WebhookFormat format, String secret) {

  @Override
  public String toString() {
    return "WebhookEndpoint[url=%s, format=%s, signed=%s]"
        .formatted(url, format.wireName(), secret != null);
  }
}
