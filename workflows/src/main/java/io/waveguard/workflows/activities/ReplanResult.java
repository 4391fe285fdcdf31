package io.waveguard.workflows.activities;

import io.waveguard.policy.model.WaveSummary;
import java.util.List;

/**
 * What re-planning did, as recorded in the workflow history.
 *
 * @param remainingWaves the waves from {@code nextWave} on, same sizes and tiers, new impacts
 * @param movedTargets remaining targets that changed wave
 * @param cohortTrust the deployed cohort's impact-weighted trust lower bound
 * @param hold why the next wave must wait for an operator; null when it may start
 * @param reason a sentence for the audit log
 */
public record ReplanResult(
    List<WaveSummary> remainingWaves,
    int movedTargets,
    double cohortTrust,
    String hold,
    String reason) {

  public ReplanResult {
    remainingWaves = List.copyOf(remainingWaves);
  }
}
