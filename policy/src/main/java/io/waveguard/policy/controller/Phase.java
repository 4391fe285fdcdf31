package io.waveguard.policy.controller;

/** Where a release stands in {@link ReleaseStateMachine}; each phase asks for one kind of step. */
enum Phase {
  /** Select the targets and order them into waves (and claim them). */
  PLANNING,
  /** Another running release holds some targets and the policy says wait: plan again later. */
  WAIT_FOR_TARGETS,
  /** Deploy the current wave, once it is not paused and its tier is approved if it must be. */
  DEPLOY,
  /** The deployed wave runs on a durable timer (one gate period at a time, sequentially). */
  BAKE,
  /** Judge the wave's telemetry: pass, fail (roll back), or bake on / hold for a human. */
  GATE,
  /** A wave passed: re-rank the remaining targets and check the next wave's tier entry. */
  REPLAN,
  /**
   * The last wave's gate stayed inconclusive, or an operator paused during its bake: an operator's
   * resume completes the release.
   */
  HOLD_AFTER_LAST,
  /** Undo deployed waves, highest first; a failed wave does not stop the ones below it. */
  ROLLBACK,
  /** Every deployed wave was tried and some rollback failed: list what is still on the build. */
  ROLLBACK_CHECK,
  /** Targets still run the new build: wait for an operator's retry-rollback or abort. */
  ROLLBACK_INCOMPLETE,
  /** A final status was reached; nothing more happens. */
  DONE
}
