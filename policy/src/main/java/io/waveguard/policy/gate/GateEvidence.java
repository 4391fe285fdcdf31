package io.waveguard.policy.gate;

import io.waveguard.policy.model.CohortStats;
import java.util.Objects;

/**
 * What one cohort showed over the gate's window: summed error counts, the errors its targets' own
 * baselines predict for that traffic, and latency samples (each target's p99 per reporting
 * interval, divided by that target's own baseline p99 where it has one, so a naturally slow target
 * does not look like a regression).
 *
 * @param baselineErrors Σ requests × the target's error rate before the release; 0 when unknown
 */
public record GateEvidence(CohortStats stats, double baselineErrors, double[] latencySamples) {

  public GateEvidence {
    Objects.requireNonNull(stats, "stats");
    if (!(baselineErrors >= 0) || Double.isInfinite(baselineErrors)) {
      throw new IllegalArgumentException("baselineErrors must be finite and >= 0");
    }
    latencySamples = latencySamples == null ? new double[0] : latencySamples.clone();
  }

  /** Evidence without baselines: the gate then assumes both cohorts share one error rate. */
  public GateEvidence(CohortStats stats, double[] latencySamples) {
    this(stats, 0, latencySamples);
  }

  /** Error counts only: the source reports no latency. */
  public static GateEvidence errorsOnly(CohortStats stats) {
    return new GateEvidence(stats, new double[0]);
  }

  @Override
  public double[] latencySamples() {
    return latencySamples.clone();
  }

  boolean hasLatency() {
    return latencySamples.length > 0;
  }
}
