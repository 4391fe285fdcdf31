package io.waveguard.simulation.scenario;

/**
 * Burn-in of each target's deployment history before the experiment.
 *
 * @param deployments past deployments per target, at uniformly random days
 * @param days how far back the history reaches
 * @param badProbabilityMean mean of the latent per-target probability of a bad outcome
 * @param badProbabilityConcentration Beta concentration (a + b) of that probability: lower means
 *     more heterogeneous targets
 */
public record HistorySpec(
    int deployments, double days, double badProbabilityMean, double badProbabilityConcentration) {}
