package io.waveguard.policy.model;

/** Where one wave stands. */
public enum WaveStatus {
  /** Not deployed yet. */
  PENDING,
  /** The deploy activity is running. */
  DEPLOYING,
  /** Deployed; the bake timer runs before the gate looks at telemetry. */
  BAKING,
  /** The gate is comparing this wave with the not-yet-deployed controls. */
  EVALUATING,
  /** The gate passed. */
  PASSED,
  /** The gate could not decide within the bake limit; a human decides. */
  INCONCLUSIVE,
  /** The gate failed; the release rolls back. */
  FAILED,
  /** Undone by a rollback. */
  ROLLED_BACK,
  /** Its rollback failed for good; some of its targets may still run the new build. */
  ROLLBACK_FAILED
}
