package io.waveguard.simulation.scenario;

/**
 * The wave gate's parameters (SprtParameters and LatencyShiftParameters of the policy core).
 *
 * @param alpha SPRT probability of failing a healthy wave
 * @param beta SPRT probability of passing a wave degraded by the design effect
 * @param minRelativeEffect the SPRT's design effect (1 = a doubled error rate)
 * @param latencyAlpha Mann–Whitney one-sided significance
 * @param latencyMinSamples latency samples per cohort below which the test keeps sampling
 * @param latencyMinEffect smallest P(deployed slower) worth failing for
 */
public record GateSpec(
    double alpha,
    double beta,
    double minRelativeEffect,
    double latencyAlpha,
    int latencyMinSamples,
    double latencyMinEffect) {}
