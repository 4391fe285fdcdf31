package io.waveguard.policy.trust;

/**
 * A target's trust with everything it was computed from, so a persisted snapshot can explain any
 * decision made with it.
 *
 * @param mean posterior mean trust in [0, 1]
 * @param lowerBound the {@code parameters.credibleQuantile()} quantile of the trust posterior; what
 *     risk uses, so thin evidence costs
 * @param historyMean beta-reputation trust from history alone, shrunk toward the prior
 * @param health live health in [0, 1], or null when there was no health evidence
 * @param evidence decayed outcomes plus the pseudo-outcomes a health reading is worth
 * @param posteriorAlpha α of the Beta posterior the bound comes from
 * @param posteriorBeta β of the Beta posterior
 * @param history the decayed outcome counts used
 * @param healthInputs the telemetry used, or null when none was given
 * @param parameters the model constants used
 */
public record TrustScore(
    double mean,
    double lowerBound,
    double historyMean,
    Double health,
    double evidence,
    double posteriorAlpha,
    double posteriorBeta,
    TargetHistory history,
    HealthIndicators healthInputs,
    TrustParameters parameters) {}
