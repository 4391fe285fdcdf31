package io.waveguard.policy.model;

/** Where a release stands. The last four are final. */
public enum ReleaseStatus {
  /** Choosing targets and ordering them into waves. */
  PLANNING,
  /**
   * Another running release holds some of the targets, and the policy says wait: nothing is planned
   * or deployed until the holder lets go (or an operator aborts).
   */
  WAITING_FOR_TARGETS,
  /** Deploying, baking or evaluating a wave. */
  RUNNING,
  /**
   * The next wave may not start yet: outside the policy's change windows or inside a blackout. The
   * release waits on a durable timer until the next allowed moment (rollbacks never wait).
   */
  WAITING_FOR_WINDOW,
  /** Held by an operator or by an inconclusive gate; waits for resume. */
  PAUSED,
  /** The next wave enters a tier that needs an operator's approval. */
  AWAITING_APPROVAL,
  /** Undoing deployed waves in reverse order after a failed gate or an abort. */
  ROLLING_BACK,
  /**
   * The rollback tried every deployed wave and some targets still run (or may run) the new build;
   * they are named in the release. Waits for an operator's retry-rollback (or abort, which gives up
   * and ends the release FAILED with those targets named).
   */
  ROLLBACK_INCOMPLETE,
  /** Every wave deployed and passed its gate. */
  COMPLETED,
  /** A gate failed and every deployed wave was undone. */
  ROLLED_BACK,
  /** An operator aborted; every deployed wave was undone. */
  ABORTED,
  /**
   * Waveguard could not finish: no targets, a permanent deploy error, or a rollback an operator
   * gave up on (the release then names the targets still on the new build).
   */
  FAILED;

  public boolean isFinal() {
    return this == COMPLETED || this == ROLLED_BACK || this == ABORTED || this == FAILED;
  }
}
