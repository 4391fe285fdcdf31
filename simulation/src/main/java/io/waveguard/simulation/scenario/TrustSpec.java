package io.waveguard.simulation.scenario;

/**
 * Trust model overrides (TrustParameters of the policy core).
 *
 * @param fitPrior fit the Beta prior to the burned-in fleet (method of moments) instead of
 *     Beta(2,2)
 */
public record TrustSpec(
    double halfLifeDays,
    double healthWeight,
    double healthEvidence,
    double credibleQuantile,
    boolean fitPrior) {}
