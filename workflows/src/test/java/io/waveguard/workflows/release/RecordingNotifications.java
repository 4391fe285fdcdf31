package io.waveguard.workflows.release;

import io.temporal.failure.ApplicationFailure;
import io.waveguard.policy.model.NotificationEvent;
import io.waveguard.workflows.activities.ActivityErrors;
import io.waveguard.workflows.activities.FailedDelivery;
import io.waveguard.workflows.activities.NotificationActivities;
import io.waveguard.workflows.activities.NotificationDelivery;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Notification activities that keep what they were given: webhooks named in {@link #down} fail
 * every attempt (a receiver that never answers), those in {@link #rejecting} answer a 4xx.
 */
final class RecordingNotifications implements NotificationActivities {

  final List<NotificationDelivery> delivered = new CopyOnWriteArrayList<>();
  final List<FailedDelivery> failures = new CopyOnWriteArrayList<>();
  final Set<String> down = ConcurrentHashMap.newKeySet();
  final Set<String> rejecting = ConcurrentHashMap.newKeySet();

  @Override
  public void deliverNotification(NotificationDelivery delivery) {
    String name = delivery.webhook().describe();
    if (down.contains(name)) {
      throw new IllegalStateException("connection refused by " + name);
    }
    if (rejecting.contains(name)) {
      throw ApplicationFailure.newNonRetryableFailure(
          name + " answered HTTP 404", ActivityErrors.WEBHOOK_REJECTED);
    }
    delivered.add(delivery);
  }

  @Override
  public void recordFailedDelivery(FailedDelivery failure) {
    failures.add(failure);
  }

  /** The events one webhook received, in the order it received them. */
  List<NotificationEvent> eventsOf(String webhook) {
    return delivered.stream()
        .filter(d -> d.webhook().describe().equals(webhook))
        .map(d -> d.notification().event())
        .toList();
  }
}
