package io.waveguard.policy.model;

/** What a gate concluded about one wave. */
public enum GateVerdict {
  /** The deployed cohort is no worse than the controls: go on. */
  PASS,
  /** The deployed cohort is worse than the controls: roll back. */
  FAIL,
  /** Not enough evidence either way: keep sampling. */
  INCONCLUSIVE
}
