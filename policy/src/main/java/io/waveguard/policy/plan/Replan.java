package io.waveguard.policy.plan;

import java.util.List;
import java.util.Optional;

/**
 * The rest of a plan after a wave passed, re-ordered by fresh trust.
 *
 * @param waves the remaining waves, same indices, sizes and tiers as before, targets possibly moved
 * @param movedTargets how many remaining targets changed wave
 * @param cohortTrust the deployed cohort's impact-weighted trust lower bound now
 * @param hold why the next wave may not start yet (its tier's threshold or the minimum evidence is
 *     not met), empty when it may
 * @param reason a sentence for the audit log and the workflow history
 */
public record Replan(
    List<PlannedWave> waves,
    int movedTargets,
    double cohortTrust,
    Optional<String> hold,
    String reason) {

  public Replan {
    waves = List.copyOf(waves);
  }
}
