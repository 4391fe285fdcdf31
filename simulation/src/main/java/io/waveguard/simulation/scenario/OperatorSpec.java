package io.waveguard.simulation.scenario;

/**
 * The simulated humans and deployers: how long they take. Operators always resume a held release
 * and approve a tier; they never abort, so holds cost time but never decide an outcome.
 *
 * @param resumeAfterMinutes how long a paused release waits for an operator's resume
 * @param approveAfterMinutes how long a tier awaiting approval waits for it
 * @param deployMinutesPerWave virtual time one wave's deployment takes
 * @param rollbackMinutesPerWave virtual time one wave's rollback takes
 */
public record OperatorSpec(
    double resumeAfterMinutes,
    double approveAfterMinutes,
    double deployMinutesPerWave,
    double rollbackMinutesPerWave) {}
