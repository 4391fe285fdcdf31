package io.waveguard.policy.gate.sequential;

/**
 * How far a release's evidence is from each of the sequential gate's decisions, in natural-log
 * units of evidence, for dashboards: no verdict depends on it.
 *
 * @param rollback ln(1/α) − ln(e-value) of the test closest to the rollback boundary; 0 once it is
 *     crossed, infinite when no test has any α
 * @param entry how much log-evidence the error ratio's bound still lacks to fall below the entry
 *     tier's tolerance; 0 once it has
 */
public record DecisionDistance(double rollback, double entry) {}
