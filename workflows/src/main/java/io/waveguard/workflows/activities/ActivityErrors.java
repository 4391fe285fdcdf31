package io.waveguard.workflows.activities;

/**
 * Failure types of permanent activity errors (non-retryable {@code ApplicationFailure}s). The
 * workflow turns them into a final status instead of retrying forever.
 */
public final class ActivityErrors {

  /** The release's selector matched no target of its service. */
  public static final String NO_TARGETS = "NO_TARGETS";

  /**
   * Another running release holds some of the selected targets; the failure's details are a {@link
   * TargetsHeld}. Nothing was claimed or planned.
   */
  public static final String TARGETS_HELD = "TARGETS_HELD";

  /** A release plan or wave that should exist does not (a bug or a deleted database). */
  public static final String PLAN_NOT_FOUND = "PLAN_NOT_FOUND";

  /** The deployer refused the request (a 4xx from a webhook): retrying would not help. */
  public static final String DEPLOY_REJECTED = "DEPLOY_REJECTED";

  /** The release has begun rolling back: no deploy attempt may claim its targets any more. */
  public static final String ROLLBACK_FENCED = "ROLLBACK_FENCED";

  /**
   * A notification webhook refused the event (a 4xx other than 408/429) or is not known to this
   * worker's configuration: retrying would not help.
   */
  public static final String WEBHOOK_REJECTED = "WEBHOOK_REJECTED";

  private ActivityErrors() {}
}
