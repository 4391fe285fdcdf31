package io.waveguard.workflows.release;

import io.temporal.api.enums.v1.RetryState;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import io.waveguard.policy.controller.ReleaseEvent;
import io.waveguard.policy.controller.ReleaseEvents;
import io.waveguard.policy.controller.ReleaseStateMachine;
import io.waveguard.policy.model.NotificationWebhook;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.workflows.activities.FailedDelivery;
import io.waveguard.workflows.activities.NotificationActivities;
import io.waveguard.workflows.activities.NotificationDelivery;
import io.waveguard.workflows.activities.ReleaseNotification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;

/**
 * Sends the events {@link ReleaseEvents} decides to the release's webhooks, beside the release and
 * never in its way: each webhook gets its events one at a time and in order, from an activity that
 * is started and not awaited, and a delivery given up on (dead receiver, 500s, a 4xx) lands in the
 * audit log while the release goes on. Only the end waits, a bounded time, so the final event's
 * delivery is tried before the workflow closes.
 */
final class ReleaseNotifier {

  private static final Logger log = Workflow.getLogger(ReleaseNotifier.class);

  private final ReleaseSpec spec;
  private final ReleaseEvents events;
  private final List<Channel> channels = new ArrayList<>();

  ReleaseNotifier(ReleaseSpec spec, ReleaseEvents events) {
    this.spec = spec;
    this.events = events;
    for (NotificationWebhook webhook : spec.policy().notifications()) {
      channels.add(new Channel(webhook));
    }
  }

  /**
   * How long the end waits: a webhook sends one event at a time, so the final event may wait behind
   * one other still retrying; each is followed by its audit entry (a minute at most).
   */
  Duration patience() {
    long longest = channels.stream().mapToLong(c -> c.webhook.giveUpAfter()).max().orElse(0);
    return Duration.ofSeconds(2 * longest).plus(Duration.ofMinutes(2));
  }

  /** Looks at the machine and queues whatever it newly shows for the webhooks that want it. */
  void observe(ReleaseStateMachine machine) {
    for (ReleaseEvent event : events.observe(machine.observe())) {
      ReleaseNotification notification = notification(event);
      for (Channel channel : channels) {
        if (channel.webhook.receives(event.type())) {
          channel.pending.add(notification);
          channel.sendIfIdle();
        }
      }
    }
  }

  /**
   * Lets queued deliveries finish (each is bounded by its own schedule-to-close), for at most
   * {@code patience}; what is still queued then is abandoned. Leaves no timer when nothing is left.
   */
  void flush(Duration patience) {
    if (isIdle()) {
      return;
    }
    Promise<Void> timer =
        Workflow.newTimer(
            patience,
            TimerOptions.newBuilder()
                .setSummary("wait up to %s for the last notifications".formatted(patience))
                .build());
    Workflow.await(() -> isIdle() || timer.isCompleted());
    if (!isIdle()) {
      log.warn("release {}: notifications abandoned after {}", spec.releaseId(), patience);
    }
  }

  private boolean isIdle() {
    return channels.stream().allMatch(Channel::isIdle);
  }

  private ReleaseNotification notification(ReleaseEvent event) {
    return new ReleaseNotification(
        event.id(spec.releaseId()),
        event.type(),
        spec.releaseId(),
        spec.service(),
        spec.version(),
        event.status(),
        event.wave(),
        event.waveCount(),
        event.tier(),
        event.reason(),
        Instant.ofEpochMilli(Workflow.currentTimeMillis()));
  }

  /** One webhook's queue: one delivery in flight, the next one sent when it ends either way. */
  private final class Channel {
    final NotificationWebhook webhook;
    final Deque<ReleaseNotification> pending = new ArrayDeque<>();
    boolean sending;

    Channel(NotificationWebhook webhook) {
      this.webhook = webhook;
    }

    boolean isIdle() {
      return !sending && pending.isEmpty();
    }

    void sendIfIdle() {
      if (sending || pending.isEmpty()) {
        return;
      }
      ReleaseNotification next = pending.poll();
      sending = true;
      NotificationActivities notify =
          Workflow.newActivityStub(
              NotificationActivities.class,
              ReleaseActivityOptions.withSummary(
                  ReleaseActivityOptions.notify(webhook.giveUpAfter()),
                  "notify %s: %s, wave %d"
                      .formatted(webhook.describe(), next.event().wireName(), next.wave())));
      Async.procedure(notify::deliverNotification, new NotificationDelivery(next, webhook))
          .handle(
              (done, failure) -> {
                if (failure == null) {
                  sendNext();
                } else {
                  recordFailure(next, failure);
                }
                return null;
              });
    }

    private void recordFailure(ReleaseNotification failed, RuntimeException failure) {
      String error = rootMessage(failure);
      log.warn(
          "release {}: notification {} to {} failed: {}",
          spec.releaseId(),
          failed.eventId(),
          webhook.describe(),
          error);
      NotificationActivities audit =
          Workflow.newActivityStub(
              NotificationActivities.class,
              ReleaseActivityOptions.withSummary(
                  ReleaseActivityOptions.NOTIFY_AUDIT,
                  "audit: %s to %s failed"
                      .formatted(failed.event().wireName(), webhook.describe())));
      Async.procedure(
              audit::recordFailedDelivery,
              new FailedDelivery(spec.releaseId(), failed.eventId(), webhook.describe(), error))
          .handle(
              (done, auditFailure) -> {
                if (auditFailure != null) {
                  log.warn("release {}: failed delivery not audited", spec.releaseId());
                }
                sendNext();
                return null;
              });
    }

    private void sendNext() {
      sending = false;
      sendIfIdle();
    }
  }

  private static String rootMessage(RuntimeException failure) {
    Throwable cause = failure instanceof ActivityFailure ? failure.getCause() : failure;
    String last;
    if (cause instanceof TimeoutFailure timeout) {
      // Out of time in one attempt: its own last failure, if any, says more.
      last = "%s timeout".formatted(timeout.getTimeoutType().name().replace("TIMEOUT_TYPE_", ""));
    } else if (cause instanceof ApplicationFailure application) {
      last = application.getOriginalMessage();
    } else {
      last = cause == null ? String.valueOf(failure.getMessage()) : cause.getMessage();
    }
    if (failure instanceof ActivityFailure activity
        && activity.getRetryState() == RetryState.RETRY_STATE_TIMEOUT) {
      return "gave up at the delivery's time limit (timeout after retries); last attempt: " + last;
    }
    return last;
  }
}
