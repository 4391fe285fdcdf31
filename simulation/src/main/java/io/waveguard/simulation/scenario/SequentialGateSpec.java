package io.waveguard.simulation.scenario;

import java.util.Map;

/**
 * The sequential gate's settings a scenario may change (SequentialGatePolicy of the policy core);
 * the rest keep the policy core's defaults.
 *
 * @param alpha false-rollback budget of the whole release
 * @param entryAlpha chance a tier is entered above its tolerance
 * @param tierTolerances by tier wire name, the rate ratio each tier tolerates
 * @param periodSeconds the gate looks after every period this long
 * @param minBakeSeconds minimum bake of every wave
 * @param maxBakeSeconds a wave undecided this long pauses for a human
 * @param baselineSeconds pre-release window of baselines and historical controls
 * @param latencyExceedanceRatio a p99 above this multiple of the target's own baseline exceeds
 * @param minStratumShare traffic share a region or segment needs for a test of its own
 */
public record SequentialGateSpec(
    double alpha,
    double entryAlpha,
    Map<String, Double> tierTolerances,
    long periodSeconds,
    long minBakeSeconds,
    long maxBakeSeconds,
    long baselineSeconds,
    double latencyExceedanceRatio,
    double minStratumShare) {

  public SequentialGateSpec {
    tierTolerances = tierTolerances == null ? Map.of() : Map.copyOf(tierTolerances);
  }
}
