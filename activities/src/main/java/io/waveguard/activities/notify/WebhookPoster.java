package io.waveguard.activities.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.temporal.failure.ApplicationFailure;
import io.waveguard.activities.db.Database;
import io.waveguard.policy.model.NotificationWebhook;
import io.waveguard.policy.model.WebhookFormat;
import io.waveguard.workflows.activities.ActivityErrors;
import io.waveguard.workflows.activities.ReleaseNotification;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.Set;

/**
 * Renders one event for one webhook, signs it when the webhook has a secret, and posts it. Answers
 * that would be the same on every retry fail non-retryably ({@link
 * ActivityErrors#WEBHOOK_REJECTED}); everything else throws {@link WebhookUnavailableException} for
 * Temporal to retry.
 */
public final class WebhookPoster {

  /** Headers every body carries, for receivers that route or deduplicate before parsing. */
  public static final String EVENT_ID_HEADER = "X-Waveguard-Event-Id";

  public static final String EVENT_HEADER = "X-Waveguard-Event";

  /** 4xx answers that mean "not now": request timeout, too early, rate limited. */
  private static final Set<Integer> TRANSIENT_CLIENT_ERRORS = Set.of(408, 425, 429);

  private final NotificationSettings settings;
  private final HttpClient client;
  private final Clock clock;

  public WebhookPoster(NotificationSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    // HTTP/1.1 and no redirects: a webhook that moved should be reconfigured, not followed blindly
    // with a signed body.
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Posts the event.
   *
   * @param namespace the Temporal namespace and {@code workflowId} the workflow, for the Web UI
   *     link
   */
  public void post(
      ReleaseNotification notification,
      NotificationWebhook webhook,
      String namespace,
      String workflowId) {
    WebhookEndpoint endpoint = resolve(webhook);
    NotificationLinks links =
        NotificationLinks.of(settings, notification.releaseId(), namespace, workflowId);
    byte[] body = render(notification, endpoint.format(), links);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint.url())
            .timeout(settings.timeout())
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", notification.eventId())
            .header(EVENT_ID_HEADER, notification.eventId())
            .header(EVENT_HEADER, notification.event().wireName())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (endpoint.secret() != null) {
      // Fresh on every attempt: a retry is a new send, and receivers judge how old it is.
      long now = clock.instant().getEpochSecond();
      request
          .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now))
          .header(
              WebhookSignature.SIGNATURE_HEADER,
              WebhookSignature.sign(endpoint.secret(), now, body));
    }
    String where = webhook.describe();
    HttpResponse<String> response = send(request.build(), where);
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    String what =
        "webhook %s answered HTTP %d to %s: %s"
            .formatted(where, status, notification.eventId(), abbreviate(response.body()));
    if (status >= 500 || TRANSIENT_CLIENT_ERRORS.contains(status)) {
      throw new WebhookUnavailableException(what);
    }
    throw ApplicationFailure.newNonRetryableFailure(what, ActivityErrors.WEBHOOK_REJECTED);
  }

  /** The body for the webhook's format, as sent (and signed). */
  static byte[] render(
      ReleaseNotification notification, WebhookFormat format, NotificationLinks links) {
    try {
      Object body =
          format == WebhookFormat.SLACK
              ? SlackMessage.of(notification, links)
              : JsonEvent.of(notification, links);
      return Database.JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a notification", e);
    }
  }

  /** A server webhook by its name; a release's own by its URL, with a server secret by name. */
  private WebhookEndpoint resolve(NotificationWebhook webhook) {
    if (webhook.name() != null) {
      WebhookEndpoint configured = settings.webhooks().get(webhook.name());
      if (configured == null) {
        throw rejected(
            "no webhook named '%s' in this worker's notifications.webhooks"
                .formatted(webhook.name()));
      }
      return configured;
    }
    String secret = null;
    if (webhook.secret() != null) {
      secret = settings.secrets().get(webhook.secret());
      if (secret == null) {
        throw rejected(
            "no secret named '%s' in this worker's notifications.secrets"
                .formatted(webhook.secret()));
      }
    }
    URI url;
    try {
      url = URI.create(webhook.url());
    } catch (IllegalArgumentException e) {
      throw rejected("webhook URL is not a URI: " + e.getMessage());
    }
    return new WebhookEndpoint(
        url, webhook.format() == null ? WebhookFormat.JSON : webhook.format(), secret);
  }

  private static ApplicationFailure rejected(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, ActivityErrors.WEBHOOK_REJECTED);
  }

  private HttpResponse<String> send(HttpRequest request, String where) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new WebhookUnavailableException(
          "webhook %s did not answer within %d ms".formatted(where, settings.timeout().toMillis()),
          e);
    } catch (IOException e) {
      throw new WebhookUnavailableException("webhook %s unreachable: %s".formatted(where, e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WebhookUnavailableException("interrupted while calling webhook " + where, e);
    }
  }

  private static String abbreviate(String body) {
    String oneLine = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
  }
}
