package io.waveguard.activities.release;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.waveguard.activities.db.AuditDao;
import io.waveguard.activities.notify.WebhookPoster;
import io.waveguard.workflows.activities.FailedDelivery;
import io.waveguard.workflows.activities.NotificationActivities;
import io.waveguard.workflows.activities.NotificationDelivery;
import org.jdbi.v3.core.Jdbi;

/** Posts release events to webhooks and audits the ones given up on. */
public final class NotificationActivitiesImpl implements NotificationActivities {

  /** The audit log's action for a notification given up on. */
  public static final String NOTIFICATION_FAILED = "notification-failed";

  private final Jdbi jdbi;
  private final WebhookPoster poster;

  public NotificationActivitiesImpl(Jdbi jdbi, WebhookPoster poster) {
    this.jdbi = jdbi;
    this.poster = poster;
  }

  @Override
  public void deliverNotification(NotificationDelivery delivery) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    poster.post(
        delivery.notification(),
        delivery.webhook(),
        info.getWorkflowNamespace(),
        info.getWorkflowId());
  }

  @Override
  public void recordFailedDelivery(FailedDelivery failure) {
    // One entry per event and webhook, however often this is retried.
    String detail = "%s to %s".formatted(failure.eventId(), failure.webhook());
    jdbi.useTransaction(
        handle -> {
          AuditDao audit = handle.attach(AuditDao.class);
          if (!audit.exists(failure.releaseId(), NOTIFICATION_FAILED, detail)) {
            audit.append(
                failure.releaseId(),
                NOTIFICATION_FAILED,
                ReplanStep.SYSTEM_OPERATOR,
                "notification to %s given up: %s".formatted(failure.webhook(), failure.error()),
                "RECORDED",
                detail);
          }
        });
  }
}
