package io.waveguard.policy.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One webhook a release notifies, as resolved at start and carried in its workflow input. Neither a
 * secret nor the URL of a server-configured webhook is ever carried: a Slack incoming-webhook URL
 * is itself a credential, and workflow histories are readable by everyone with access to Temporal.
 *
 * @param name a webhook of the server's {@code notifications.webhooks}, whose URL, format and
 *     secret the worker looks up by this name when it delivers; null for a webhook the release's
 *     own policy added
 * @param url where a release's own webhook is posted; null for a server-configured one
 * @param format the body of a release's own webhook; null for a server-configured one
 * @param events what this webhook receives, in no particular order; empty receives nothing
 * @param secret the name of a secret of the server's {@code notifications.secrets} that signs a
 *     release's own webhook's body; null for none (a server-configured webhook names its own)
 * @param giveUpAfterSeconds how long one event's delivery is retried before it is given up and
 *     audited; 0 for {@link #DEFAULT_GIVE_UP_AFTER_SECONDS} (left out of the JSON then)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationWebhook(
    String name,
    String url,
    WebhookFormat format,
    List<NotificationEvent> events,
    String secret,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) long giveUpAfterSeconds) {

  /** Two minutes: a receiver that restarts comes back in time, a dead one costs little. */
  public static final long DEFAULT_GIVE_UP_AFTER_SECONDS = 120;

  public NotificationWebhook {
    events = events == null ? List.of() : List.copyOf(events);
    if (giveUpAfterSeconds < 0) {
      throw new IllegalArgumentException("giveUpAfterSeconds must be >= 0");
    }
    if ((name == null) == (url == null)) {
      throw new IllegalArgumentException("a webhook has either a name or a url");
    }
  }

  /** A webhook of the release's own, retried for the default time. */
  public NotificationWebhook(
      String name,
      String url,
      WebhookFormat format,
      List<NotificationEvent> events,
      String secret) {
    this(name, url, format, events, secret, 0);
  }

  /** A webhook of the server's configuration, by name, receiving {@code events}. */
  public static NotificationWebhook configured(String name, List<NotificationEvent> events) {
    return new NotificationWebhook(name, null, null, events, null);
  }

  /** The same webhook receiving {@code chosen} instead. */
  public NotificationWebhook withEvents(List<NotificationEvent> chosen) {
    return new NotificationWebhook(name, url, format, chosen, secret, giveUpAfterSeconds);
  }

  /** The same webhook, given up on after {@code seconds} (0: the default). */
  public NotificationWebhook withGiveUpAfterSeconds(long seconds) {
    return new NotificationWebhook(name, url, format, events, secret, seconds);
  }

  /** How long a delivery is retried: {@code giveUpAfterSeconds}, or the default when 0. */
  public long giveUpAfter() {
    return giveUpAfterSeconds > 0 ? giveUpAfterSeconds : DEFAULT_GIVE_UP_AFTER_SECONDS;
  }

  public boolean receives(NotificationEvent event) {
    return events.contains(event);
  }

  /** How logs, the audit log and the history name it: its name, or its URL without a query. */
  public String describe() {
    if (name != null) {
      return name;
    }
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
