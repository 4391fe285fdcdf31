package io.waveguard.activities.notify;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What a worker knows about notifications from its configuration: the webhooks and secrets releases
 * name, and the bases of the links each event carries.
 *
 * @param webhooks the server's webhooks by name
 * @param secrets the server's signing secrets by name, for the webhooks a release's own policy adds
 * @param timeout how long one HTTP attempt may take, connecting included
 * @param apiBaseUrl where the Waveguard API is reached ({@code <base>/api/v1/releases/<id>}); empty
 *     for no release link
 * @param webUiBaseUrl the Temporal Web UI ({@code <base>/namespaces/<ns>/workflows/<id>}); empty
 *     for no workflow link
 */
public record NotificationSettings(
    Map<String, WebhookEndpoint> webhooks,
    Map<String, String> secrets,
    Duration timeout,
    Optional<URI> apiBaseUrl,
    Optional<URI> webUiBaseUrl) {

  public NotificationSettings {
    webhooks = Map.copyOf(webhooks);
    secrets = Map.copyOf(secrets);
  }

  /** No webhooks, no secrets, no links: a worker whose configuration has no notifications. */
  public static NotificationSettings none() {
    return new NotificationSettings(
        Map.of(), Map.of(), Duration.ofSeconds(10), Optional.empty(), Optional.empty());
  }
}
