package io.waveguard.simulation.engine;

import io.waveguard.policy.model.WaveSummary;
import java.util.List;
import java.util.Optional;

/**
 * What re-planning before a wave did, in the terms the state machine and the workflow's
 * ReplanResult use.
 *
 * @param remaining the waves from the next one on, same sizes and tiers
 * @param hold why the next wave must wait for an operator, empty when it may start
 * @param cohortTrust the deployed cohort's trust; NaN when only the hold was checked
 */
public record ReplanOutcome(
    List<WaveSummary> remaining,
    Optional<String> hold,
    int movedTargets,
    double cohortTrust,
    String reason) {

  public ReplanOutcome {
    remaining = List.copyOf(remaining);
  }
}
