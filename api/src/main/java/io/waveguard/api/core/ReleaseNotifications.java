package io.waveguard.api.core;

import io.waveguard.api.dto.NotificationRequest;
import io.waveguard.api.errors.ApiException;
import io.waveguard.policy.model.NotificationEvent;
import io.waveguard.policy.model.NotificationWebhook;
import io.waveguard.policy.model.WebhookFormat;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the webhooks a release notifies: the server's, by name, with a request's choice of
 * events applied, and the request's own by URL where the server allows them. Anything that cannot
 * be honoured is a 400 naming the field ({@code policy.notifications[0].url}).
 *
 * @param webhooks the server's webhooks with their configured events
 * @param secretNames the names of the server's signing secrets a request's own webhook may use
 * @param allowReleaseUrls whether a request may add webhooks by URL
 * @param giveUpAfterSeconds how long a request's own webhook is retried (0: the default)
 */
public record ReleaseNotifications(
    List<NotificationWebhook> webhooks,
    Set<String> secretNames,
    boolean allowReleaseUrls,
    long giveUpAfterSeconds) {

  private static final String FIELD = "policy.notifications";

  public ReleaseNotifications {
    webhooks = List.copyOf(webhooks);
    secretNames = Set.copyOf(secretNames);
  }

  /** A server without notifications. */
  public static ReleaseNotifications none() {
    return new ReleaseNotifications(List.of(), Set.of(), false, 0);
  }

  /**
   * @param requested the request's {@code policy.notifications}; null for the server's webhooks
   * @return every webhook that receives some event, server webhooks first
   */
  public List<NotificationWebhook> resolve(List<NotificationRequest> requested) {
    Map<String, NotificationWebhook> byName = new LinkedHashMap<>();
    webhooks.forEach(w -> byName.put(w.name(), w));
    List<NotificationWebhook> own = new ArrayList<>();
    Set<String> renamed = new LinkedHashSet<>();
    List<NotificationRequest> requests = requested == null ? List.of() : requested;
    for (int i = 0; i < requests.size(); i++) {
      String path = "%s[%d]".formatted(FIELD, i);
      NotificationRequest r = requests.get(i);
      if ((r.name() == null) == (r.url() == null)) {
        throw ApiException.invalidField(
            path,
            path
                + " needs either name (a webhook of the server's configuration) or url (a webhook"
                + " of this release's own), not both or neither");
      }
      if (r.name() != null) {
        NotificationWebhook configured = byName.get(r.name());
        if (configured == null) {
          throw ApiException.invalidField(
              path + ".name",
              "%s.name: the server has no webhook '%s' (it has %s)"
                  .formatted(path, r.name(), byName.keySet()));
        }
        if (!renamed.add(r.name())) {
          throw ApiException.invalidField(
              path + ".name", "%s.name: webhook '%s' is named twice".formatted(path, r.name()));
        }
        rejectForNamed(path, "format", r.format());
        rejectForNamed(path, "secret", r.secret());
        if (r.events() != null) {
          byName.put(r.name(), configured.withEvents(events(path, r.events())));
        }
      } else {
        own.add(ownWebhook(path, r));
      }
    }
    List<NotificationWebhook> resolved = new ArrayList<>(byName.values());
    resolved.addAll(own);
    return resolved.stream().filter(w -> !w.events().isEmpty()).toList();
  }

  private NotificationWebhook ownWebhook(String path, NotificationRequest r) {
    if (!allowReleaseUrls) {
      throw ApiException.invalidField(
          path + ".url",
          "%s.url: this server takes no webhook URLs in a release's policy".formatted(path)
              + " (notifications.allowReleaseWebhookUrls is off); name a server webhook instead");
    }
    URI url;
    try {
      url = URI.create(r.url());
    } catch (IllegalArgumentException e) {
      url = null;
    }
    if (url == null
        || !url.isAbsolute()
        || !url.getScheme().matches("https?")
        || url.getHost() == null
        || url.getUserInfo() != null) {
      throw ApiException.invalidField(
          path + ".url",
          "%s.url must be an absolute http(s) URL without user info, not '%s'"
              .formatted(path, r.url()));
    }
    WebhookFormat format = WebhookFormat.JSON;
    if (r.format() != null) {
      format =
          WebhookFormat.fromWireName(r.format())
              .orElseThrow(
                  () ->
                      ApiException.invalidField(
                          path + ".format",
                          "%s.format must be json or slack, not '%s'".formatted(path, r.format())));
    }
    if (r.secret() != null && !secretNames.contains(r.secret())) {
      throw ApiException.invalidField(
          path + ".secret",
          "%s.secret names a secret of the server's notifications.secrets, and it has no '%s'"
                  .formatted(path, r.secret())
              + " (a secret's value never travels in a request: it would be kept in the"
              + " release's history)");
    }
    List<NotificationEvent> events =
        r.events() == null ? NotificationEvent.DEFAULTS : events(path, r.events());
    return new NotificationWebhook(
        null, url.toString(), format, events, r.secret(), giveUpAfterSeconds);
  }

  private static void rejectForNamed(String path, String field, String value) {
    if (value != null) {
      throw ApiException.invalidField(
          path + "." + field,
          "%s.%s applies to a webhook by url only: a server webhook keeps its configured %s"
              .formatted(path, field, field));
    }
  }

  private static List<NotificationEvent> events(String path, List<String> names) {
    Set<NotificationEvent> events = new LinkedHashSet<>();
    for (int j = 0; j < names.size(); j++) {
      String name = names.get(j);
      int at = j;
      events.add(
          NotificationEvent.fromWireName(name)
              .orElseThrow(
                  () ->
                      ApiException.invalidField(
                          "%s.events[%d]".formatted(path, at),
                          "%s.events[%d]: unknown event '%s'; one of %s"
                              .formatted(
                                  path,
                                  at,
                                  name,
                                  Arrays.stream(NotificationEvent.values())
                                      .map(NotificationEvent::wireName)
                                      .toList()))));
    }
    return List.copyOf(events);
  }
}
