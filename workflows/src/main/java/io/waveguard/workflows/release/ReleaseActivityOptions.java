package io.waveguard.workflows.release;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.waveguard.workflows.activities.ActivityErrors;
import java.time.Duration;

/** Timeouts and retries of every activity a release calls, each with the reason for its limit. */
final class ReleaseActivityOptions {

  private ReleaseActivityOptions() {}

  /**
   * Planning and re-planning score every target's trust and write the plan: about 20 s for 100,000
   * targets on a 2-core machine (README, Benchmarks), so two minutes leave room.
   */
  static final ActivityOptions PLANNING =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .setMaximumAttempts(10)
                  .setDoNotRetry(ActivityErrors.NO_TARGETS)
                  .build())
          .build();

  /**
   * A wave can hold thousands of targets and real deployers are slow, so the deploy gets half an
   * hour; the heartbeat catches a dead worker within a minute and the retry resumes where the
   * heartbeat said it was. An abort's cancellation is waited for until the activity has stopped, so
   * the rollback that follows never races a deploy call still in flight; once a rollback has begun,
   * no attempt may deploy again (the fence answers ROLLBACK_FENCED).
   */
  static final ActivityOptions DEPLOY =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(30))
          .setHeartbeatTimeout(Duration.ofMinutes(1))
          .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setMaximumInterval(Duration.ofMinutes(2))
                  .setMaximumAttempts(8)
                  .setDoNotRetry(
                      ActivityErrors.DEPLOY_REJECTED,
                      ActivityErrors.PLAN_NOT_FOUND,
                      ActivityErrors.ROLLBACK_FENCED)
                  .build())
          .build();

  /** Rollback is the safety net: it retries far longer than a deploy before giving up. */
  static final ActivityOptions ROLLBACK =
      ActivityOptions.newBuilder(DEPLOY)
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setMaximumInterval(Duration.ofMinutes(2))
                  .setMaximumAttempts(30)
                  .setDoNotRetry(ActivityErrors.DEPLOY_REJECTED, ActivityErrors.PLAN_NOT_FOUND)
                  .build())
          .build();

  /**
   * Fencing a release against deploys and listing what a failed rollback left behind are one
   * statement each; they retry a while (the database may be what failed), then the release goes on
   * without (cancelling the deploy, naming the failed waves instead).
   */
  static final ActivityOptions ROLLBACK_BOOKKEEPING =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .setMaximumAttempts(20)
                  .build())
          .build();

  /** A gate reads aggregated telemetry: a short timeout keeps a stuck source from hiding. */
  static final ActivityOptions GATE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .setMaximumAttempts(10)
                  .setDoNotRetry(ActivityErrors.PLAN_NOT_FOUND)
                  .build())
          .build();

  /**
   * Outcome feedback reads the release's telemetry once and writes one row per target; it retries
   * for a while, then gives up quietly, because trust is a running estimate and a missed release is
   * only one fewer piece of evidence.
   */
  static final ActivityOptions TRUST_FEEDBACK =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(5))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .setMaximumAttempts(10)
                  .setDoNotRetry(ActivityErrors.PLAN_NOT_FOUND)
                  .build())
          .build();

  /**
   * Releasing a finished release's target holds is one DELETE. It retries for about a quarter of an
   * hour and then gives up: once the workflow has closed, a hold it left is stale and the next
   * release's claim takes it over.
   */
  static final ActivityOptions RELEASE_TARGETS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .setMaximumAttempts(20)
                  .build())
          .build();

  /** The read model must catch up eventually; its upsert is idempotent, so retry without end. */
  static final ActivityOptions RECORD =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .build())
          .build();

  /**
   * A notification never holds a release up, so it gets a bounded total time: attempts of at most
   * 15 s (the HTTP client's own timeout is 10 s by default) for at most two minutes altogether (the
   * webhook's giveUpAfterSeconds when set), backing off to 20 s between them. A receiver down
   * longer than that misses the event, and the release's audit log says so.
   */
  static final ActivityOptions NOTIFY =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(15))
          .setScheduleToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofSeconds(20))
                  .setDoNotRetry(ActivityErrors.WEBHOOK_REJECTED)
                  .build())
          .build();

  /** {@link #NOTIFY} given up after {@code seconds} instead of two minutes. */
  static ActivityOptions notify(long seconds) {
    Duration limit = Duration.ofSeconds(seconds);
    return ActivityOptions.newBuilder(NOTIFY)
        .setScheduleToCloseTimeout(limit)
        .setStartToCloseTimeout(
            limit.compareTo(Duration.ofSeconds(15)) < 0 ? limit : Duration.ofSeconds(15))
        .build();
  }

  /**
   * Recording a failed delivery is one INSERT; it retries for about a minute, then the failure is
   * only in the worker's log and the workflow's history.
   */
  static final ActivityOptions NOTIFY_AUDIT =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofMinutes(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofSeconds(15))
                  .build())
          .build();

  static ActivityOptions withSummary(ActivityOptions options, String summary) {
    return ActivityOptions.newBuilder(options).setSummary(summary).build();
  }
}
