package io.waveguard.policy.gate;

import io.waveguard.policy.model.GateVerdict;

/**
 * Outcome of a latency shift test, with its statistics so the decision can be audited.
 *
 * @param verdict FAIL when deployed latencies are significantly and materially higher
 * @param u Mann–Whitney U of the deployed sample (pairs where deployed is slower, ties half)
 * @param z the standardized U, tie- and continuity-corrected; positive means deployed is slower
 * @param pValue one-sided p-value of "deployed is slower"; 1 when the samples carry no ordering at
 *     all (one is empty, or every value is tied)
 * @param effect U / (n_deployed × n_control): probability a deployed request is slower
 * @param deployedSamples size of the deployed sample
 * @param controlSamples size of the control sample
 * @param reason a sentence that states the statistics and the thresholds
 */
public record LatencyShiftResult(
    GateVerdict verdict,
    double u,
    double z,
    double pValue,
    double effect,
    int deployedSamples,
    int controlSamples,
    String reason) {}
