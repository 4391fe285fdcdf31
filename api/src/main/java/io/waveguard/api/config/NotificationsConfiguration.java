package io.waveguard.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import io.waveguard.activities.notify.NotificationSettings;
import io.waveguard.activities.notify.WebhookEndpoint;
import io.waveguard.policy.model.NotificationEvent;
import io.waveguard.policy.model.NotificationWebhook;
import io.waveguard.policy.model.WebhookFormat;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Webhooks told about releases (docs/notifications.md): the server's own, by name, and the signing
 * secrets by name that they and a release's own webhooks use. Secrets come from the environment; a
 * release's workflow input names webhooks and secrets, never their URLs' or secrets' values.
 */
public class NotificationsConfiguration {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  /** The Waveguard API as receivers reach it, for each event's link to its release. */
  @JsonProperty public String apiBaseUrl = "";

  /** The Temporal Web UI, for each event's link to its release's workflow. */
  @JsonProperty public String temporalWebUiUrl = "";

  /**
   * One HTTP attempt's limit, connecting included; below the 15 s the workflow gives an attempt, so
   * a slow receiver shows as a timeout of its own rather than a cut-off activity.
   */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
  @MaxDuration(value = 14, unit = TimeUnit.SECONDS)
  @JsonProperty
  public Duration timeout = Duration.seconds(10);

  /**
   * How long one event's delivery is retried before it is given up and audited; carried in each
   * release's input, so a change applies to releases started afterwards.
   */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @MaxDuration(value = 1, unit = TimeUnit.HOURS)
  @JsonProperty
  public Duration giveUpAfter = Duration.minutes(2);

  /**
   * Whether a release's policy may add webhooks by URL. Off by default: it lets whoever may start a
   * release make the worker POST to any address it can reach.
   */
  @JsonProperty public boolean allowReleaseWebhookUrls = false;

  /** Signing secrets by name. */
  @NotNull @JsonProperty public Map<String, String> secrets = new LinkedHashMap<>();

  @Valid @NotNull @JsonProperty public List<Webhook> webhooks = new ArrayList<>();

  /** One server-configured webhook. */
  public static class Webhook {
    @JsonProperty public String name;
    @JsonProperty public String url;
    @JsonProperty public String format = WebhookFormat.JSON.wireName();

    /** The name of a secret in {@code notifications.secrets}; empty for unsigned bodies. */
    @JsonProperty public String secret = "";

    /** Null: every event but wave-passed. */
    @JsonProperty public List<String> events;
  }

  /** What is wrong, as (YAML path, message) pairs; empty when the section is fine. */
  public List<Map.Entry<String, String>> problems() {
    List<Map.Entry<String, String>> problems = new ArrayList<>();
    url("notifications.apiBaseUrl", apiBaseUrl, true, problems);
    url("notifications.temporalWebUiUrl", temporalWebUiUrl, true, problems);
    secrets.forEach(
        (name, value) -> {
          String path = "notifications.secrets." + name;
          if (!NAME.matcher(name).matches()) {
            problems.add(Map.entry(path, "a secret's name is lowercase letters, digits and '-'"));
          } else if (value == null || value.isBlank()) {
            problems.add(Map.entry(path, "is empty: set the environment variable it names"));
          }
        });
    Set<String> names = new HashSet<>();
    for (int i = 0; i < webhooks.size(); i++) {
      String path = "notifications.webhooks[%d]".formatted(i);
      Webhook hook = webhooks.get(i);
      if (hook.name == null || !NAME.matcher(hook.name).matches()) {
        problems.add(
            Map.entry(
                path + ".name", "is required: lowercase letters, digits and '-' (ops-slack)"));
      } else if (!names.add(hook.name)) {
        problems.add(Map.entry(path + ".name", "'%s' names two webhooks".formatted(hook.name)));
      }
      url(path + ".url", hook.url, false, problems);
      if (hook.format == null || WebhookFormat.fromWireName(hook.format).isEmpty()) {
        problems.add(Map.entry(path + ".format", "must be slack or json, not " + hook.format));
      }
      if (hook.secret != null && !hook.secret.isEmpty() && !secrets.containsKey(hook.secret)) {
        problems.add(
            Map.entry(
                path + ".secret",
                "names no secret of notifications.secrets: '%s'".formatted(hook.secret)));
      }
      List<String> events = hook.events == null ? List.of() : hook.events;
      for (int e = 0; e < events.size(); e++) {
        if (NotificationEvent.fromWireName(events.get(e)).isEmpty()) {
          problems.add(
              Map.entry(
                  "%s.events[%d]".formatted(path, e),
                  "unknown event '%s'; one of %s".formatted(events.get(e), eventNames())));
        }
      }
    }
    return problems;
  }

  private static void url(
      String path, String value, boolean optional, List<Map.Entry<String, String>> problems) {
    if (value == null || value.isBlank()) {
      if (!optional) {
        problems.add(Map.entry(path, "is required (an absolute http(s) URL)"));
      }
      return;
    }
    try {
      URI uri = URI.create(value);
      if (!uri.isAbsolute() || !uri.getScheme().matches("https?") || uri.getHost() == null) {
        problems.add(Map.entry(path, "must be an absolute http(s) URL"));
      }
    } catch (IllegalArgumentException e) {
      problems.add(Map.entry(path, "is not a URL: " + e.getMessage()));
    }
  }

  static String eventNames() {
    return List.of(NotificationEvent.values()).stream()
        .map(NotificationEvent::wireName)
        .toList()
        .toString();
  }

  /** The server's webhooks as every release carries them: by name, with their events. */
  public List<NotificationWebhook> releaseWebhooks() {
    return webhooks.stream()
        .map(
            hook ->
                NotificationWebhook.configured(hook.name, events(hook.events))
                    .withGiveUpAfterSeconds(giveUpAfterSeconds()))
        .toList();
  }

  /**
   * {@code giveUpAfter} as a webhook carries it: 0 for the default, so inputs stay as they were.
   */
  public long giveUpAfterSeconds() {
    long seconds = giveUpAfter.toSeconds();
    return seconds == NotificationWebhook.DEFAULT_GIVE_UP_AFTER_SECONDS ? 0 : seconds;
  }

  /** What a worker needs to deliver: URLs, formats and secret values by name, links, timeout. */
  public NotificationSettings toSettings() {
    Map<String, WebhookEndpoint> endpoints = new LinkedHashMap<>();
    for (Webhook hook : webhooks) {
      endpoints.put(
          hook.name,
          new WebhookEndpoint(
              URI.create(hook.url),
              WebhookFormat.fromWireName(hook.format).orElseThrow(),
              hook.secret == null || hook.secret.isEmpty() ? null : secrets.get(hook.secret)));
    }
    return new NotificationSettings(
        endpoints,
        secrets,
        java.time.Duration.ofMillis(timeout.toMilliseconds()),
        optionalUri(apiBaseUrl),
        optionalUri(temporalWebUiUrl));
  }

  /** The events a list of wire names means; null for the defaults. */
  public static List<NotificationEvent> events(List<String> names) {
    if (names == null) {
      return NotificationEvent.DEFAULTS;
    }
    return names.stream().map(n -> NotificationEvent.fromWireName(n).orElseThrow()).toList();
  }

  private static Optional<URI> optionalUri(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(URI.create(value));
  }
}
