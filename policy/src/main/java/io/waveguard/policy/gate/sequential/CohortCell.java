package io.waveguard.policy.gate.sequential;

import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import java.util.List;
import java.util.Map;

/**
 * Telemetry of a group of targets that share a segment, tier and labels, over one gate period: the
 * unit the sequential gate adds up per stratum. Production builds one cell per target with {@link
 * #ofTarget}; the simulator builds one per group of like targets, which adds up to the same counts.
 *
 * @param reportingTargets targets that reported anything in the period
 * @param silentTargets ids of the targets that reported nothing (for the reason a pass is refused)
 * @param expectedErrors errors the cell's own baselines predict for its requests
 * @param intervals reporting intervals; {@code downIntervals} of them the target was down
 * @param latencySamples p99 points with a baseline to compare with; {@code latencyExceedances} of
 *     them above the exceedance ratio times that baseline
 */
public record CohortCell(
    String segment,
    Tier tier,
    Map<String, String> labels,
    int reportingTargets,
    List<String> silentTargets,
    long requests,
    long errors,
    double expectedErrors,
    long crashes,
    long intervals,
    long downIntervals,
    long latencySamples,
    long latencyExceedances) {

  public CohortCell {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    silentTargets = silentTargets == null ? List.of() : List.copyOf(silentTargets);
  }

  /**
   * One target's cell for one period, judged against its own baseline.
   *
   * @param reading the period's telemetry; null when the target reported nothing
   * @param baseline its pre-release window; null when it has none
   * @param pooledErrorRate the release's pooled baseline error rate, for shrinking thin baselines
   * @param exceedanceRatio an interval exceeds at p99 above this multiple of the baseline p99
   */
  public static CohortCell ofTarget(
      Target target,
      TargetReading reading,
      TargetReading baseline,
      double pooledErrorRate,
      double exceedanceRatio) {
    if (reading == null || reading.isSilent()) {
      return new CohortCell(
          target.segment(),
          target.tier(),
          target.labels(),
          0,
          List.of(target.id()),
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0);
    }
    double rate = shrunkErrorRate(baseline, pooledErrorRate);
    double[] p99s = reading.latencyP99Ms();
    long intervals = Math.max(1, p99s.length);
    long down = Math.round((1 - reading.availability()) * intervals);
    double reference = baseline == null ? 0 : baseline.medianP99Ms();
    long samples = 0;
    long exceedances = 0;
    if (reference > 0) {
      samples = p99s.length;
      for (double p99 : p99s) {
        if (p99 > exceedanceRatio * reference) {
          exceedances++;
        }
      }
    }
    return new CohortCell(
        target.segment(),
        target.tier(),
        target.labels(),
        1,
        List.of(),
        reading.requests(),
        reading.errors(),
        reading.requests() * rate,
        reading.crashes(),
        intervals,
        down,
        samples,
        exceedances);
  }

  /** Targets in the cell, reporting or not. */
  public int targets() {
    return reportingTargets + silentTargets.size();
  }

  static double shrunkErrorRate(TargetReading baseline, double pooledErrorRate) {
    return baseline == null
        ? baselineErrorRate(0, 0, pooledErrorRate)
        : baselineErrorRate(baseline.requests(), baseline.errors(), pooledErrorRate);
  }

  /**
   * A target's baseline error rate from its pre-release window, shrunk toward the pooled rate by
   * two errors' worth of pseudo requests: a quiet target whose window saw no error is not assumed
   * error-free, and a busy one keeps its own rate.
   */
  public static double baselineErrorRate(long requests, long errors, double pooledErrorRate) {
    if (!(pooledErrorRate > 0)) {
      return requests == 0 ? 0 : (double) errors / requests;
    }
    return (errors + 2) / (requests + 2 / pooledErrorRate);
  }

  /** Σ errors / Σ requests over the baselines; 0 when they served nothing. */
  public static double pooledErrorRate(Iterable<TargetReading> baselines) {
    long requests = 0;
    long errors = 0;
    for (TargetReading b : baselines) {
      if (b != null) {
        requests += b.requests();
        errors += b.errors();
      }
    }
    return requests == 0 ? 0 : (double) errors / requests;
  }
}
