package io.waveguard.simulation.scenario;

import java.util.List;
import java.util.Map;

/**
 * The simulated fleet.
 *
 * @param tierMix share of targets per tier wire name, summing to 1
 * @param requestsPerMinute traffic of the whole fleet; each target gets its size's share
 * @param trafficParetoShape Pareto shape of target sizes (heavy tail; smaller is heavier)
 * @param baselineErrorRateMean mean of the gamma-distributed baseline error rates
 * @param baselineErrorRateShape gamma shape of baseline error rates (CV = 1/√shape)
 * @param latencyP99MedianMs median baseline p99 across targets (lognormal)
 * @param latencyP99LogSd log-sd of baseline p99 across targets
 * @param latencyNoiseLogSd log-sd of one reporting interval's p99 around the target's baseline
 * @param latencyReportSeconds length of one latency reporting interval
 * @param latencyTargetsPerCohort targets per cohort whose p99 the gate reads; 0 = no latency
 * @param labels label name → values, assigned uniformly at random
 */
public record FleetSpec(
    int targets,
    String service,
    Map<String, Double> tierMix,
    double requestsPerMinute,
    double trafficParetoShape,
    double baselineErrorRateMean,
    double baselineErrorRateShape,
    double latencyP99MedianMs,
    double latencyP99LogSd,
    double latencyNoiseLogSd,
    int latencyReportSeconds,
    int latencyTargetsPerCohort,
    Map<String, List<String>> labels) {

  public FleetSpec {
    tierMix = Map.copyOf(tierMix);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
