package io.waveguard.policy.gate;

import io.waveguard.policy.model.CohortStats;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.ReleasePolicy;

/**
 * Decides whether a baked wave may go on. Compares the deployed cohort with controls that did not
 * take the release, over the same window. Pure: no I/O, no clock.
 */
public interface Gate {

  GateResult evaluate(CohortStats deployed, CohortStats control, ReleasePolicy policy);
}
