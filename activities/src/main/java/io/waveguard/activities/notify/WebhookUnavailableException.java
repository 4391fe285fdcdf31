package io.waveguard.activities.notify;

/** A notification receiver did not accept the event for now (unreachable, 5xx, 408, 429): retry. */
public final class WebhookUnavailableException extends RuntimeException {

  public WebhookUnavailableException(String message) {
    super(message);
  }

  public WebhookUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
