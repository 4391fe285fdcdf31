package io.waveguard.simulation.engine;

import io.waveguard.policy.gate.GateEvidence;
import io.waveguard.policy.model.CohortStats;
import io.waveguard.simulation.world.ReleaseCase;
import io.waveguard.simulation.world.Rng;
import io.waveguard.simulation.world.SimulatedFleet;
import io.waveguard.simulation.world.SimulatedWorld;
import io.waveguard.simulation.world.TrustBook;

/**
 * A cohort's telemetry over bake periods, drawn without simulating single requests: requests are
 * the expected count, errors one Poisson draw of the summed means per period, latency one p99 ratio
 * per sampled target and reporting interval. Every draw is keyed by (release seed, stream, wave,
 * period), so it is a pure function of where it is read, never of who reads it or when.
 */
final class CohortTelemetry {

  private final SimulatedFleet fleet;
  private final TrustBook trust;
  private final ReleaseCase release;
  private final double bakeMinutes;
  private final int latencyTargets;
  private final int intervalsPerPeriod;
  private final double latencyNoise;
  private final BaselineEstimates baselines;

  CohortTelemetry(SimulatedWorld world, ReleaseCase release, BaselineEstimates baselines) {
    this.baselines = baselines;
    this.fleet = world.fleet();
    this.trust = world.trust();
    this.release = release;
    this.bakeMinutes = world.bakeMinutes();
    this.latencyTargets = world.scenario().fleet().latencyTargetsPerCohort();
    this.intervalsPerPeriod =
        (int)
            Math.max(
                1,
                Math.round(
                    world.scenario().policy().bakeSeconds()
                        / (double) world.scenario().fleet().latencyReportSeconds()));
    this.latencyNoise = world.scenario().fleet().latencyNoiseLogSd();
  }

  /**
   * The cohort's evidence over its periods [first, last] since deployment.
   *
   * @param onBuild true when the targets run the release (faults apply), false for old version
   * @param stream distinguishes cohorts drawn for the same wave and period
   */
  GateEvidence evidence(
      int[] targets, boolean onBuild, long stream, int wave, int first, int last) {
    long requests = 0;
    long errors = 0;
    double baselineErrors = 0;
    double perPeriodRequests = 0;
    for (int i : targets) {
      perPeriodRequests += trust.requests(i);
    }
    int sampled = latencyTargets == 0 ? 0 : Math.min(latencyTargets, targets.length);
    double[] latency = new double[sampled * intervalsPerPeriod * (last - first + 1)];
    int next = 0;
    for (int k = first; k <= last; k++) {
      double from = k * bakeMinutes;
      double mean = 0;
      for (int i : targets) {
        baselineErrors += trust.requests(i) * baselines.rate(i);
        double factor = onBuild ? release.errorFactor(i, from, from + bakeMinutes) : 1;
        mean += trust.requests(i) * fleet.baselineErrorRate(i) * factor;
      }
      Rng rng = Rng.at(release.seed(), stream, wave, k);
      errors += rng.poisson(mean);
      requests += Math.round(perPeriodRequests);
      next = latencySamples(targets, sampled, onBuild, from, rng, latency, next);
    }
    // Baselines as the gate activity knows them: each target's own estimated rate before the
    // release.
    return new GateEvidence(
        new CohortStats(targets.length, requests, errors), baselineErrors, latency);
  }

  /** One p99 / baseline-p99 ratio per interval for an evenly strided sample of the targets. */
  private int latencySamples(
      int[] targets, int sampled, boolean onBuild, double from, Rng rng, double[] into, int at) {
    if (sampled == 0) {
      return at;
    }
    double stride = (double) targets.length / sampled;
    double intervalMinutes = bakeMinutes / intervalsPerPeriod;
    for (int s = 0; s < sampled; s++) {
      int i = targets[(int) (s * stride)];
      for (int j = 0; j < intervalsPerPeriod; j++) {
        double minute = from + (j + 0.5) * intervalMinutes;
        double factor = onBuild ? release.latencyFactor(i, minute) : 1;
        into[at++] = Math.exp(latencyNoise * rng.gaussian()) * factor;
      }
    }
    return at;
  }

  /** One target's errors and p99 ratio over one period, for its fresh health. */
  long healthErrors(int i, boolean onBuild, double fromMinute, Rng rng) {
    double factor = onBuild ? release.errorFactor(i, fromMinute, fromMinute + bakeMinutes) : 1;
    return rng.poisson(trust.requests(i) * fleet.baselineErrorRate(i) * factor);
  }

  double healthLatency(int i, boolean onBuild, double fromMinute, Rng rng) {
    double factor = onBuild ? release.latencyFactor(i, fromMinute + bakeMinutes / 2) : 1;
    return Math.exp(latencyNoise * rng.gaussian()) * factor;
  }
}
