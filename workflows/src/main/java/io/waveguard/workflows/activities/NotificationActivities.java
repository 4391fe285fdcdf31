package io.waveguard.workflows.activities;

import io.temporal.activity.ActivityInterface;

/**
 * Tells webhooks about a release's progress. A delivery may be repeated (a retry after a timeout
 * whose request did arrive), so every body carries the event's stable id for receivers to drop
 * repeats.
 */
@ActivityInterface
public interface NotificationActivities {

  /**
   * Posts one event to one webhook; returns once it answered 2xx. Fails non-retryably with {@link
   * ActivityErrors#WEBHOOK_REJECTED} on an answer that would be the same on every retry (a 4xx
   * other than 408/429, an unknown webhook or secret name).
   */
  void deliverNotification(NotificationDelivery delivery);

  /**
   * Writes the given-up delivery into the release's audit log, once however often it is retried.
   */
  void recordFailedDelivery(FailedDelivery failure);
}
