package io.waveguard.policy.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A target's live health in [0, 1]: each indicator mapped to [0, 1] against its SLO, combined by a
 * weighted geometric mean.
 *
 * <p>Why geometric: an arithmetic mean lets three good indicators hide a failing one (1, 1, 1, 0
 * averages to 0.75, "mostly healthy"), while the minimum looks at one indicator only and jumps as
 * the weakest one changes. The geometric mean is weakest-link but smooth: any indicator at 0 makes
 * health 0, one at 0.5 among perfect ones gives 0.84, and every indicator still moves the score.
 *
 * @param value the combined health in [0, 1]
 * @param components each scored indicator with its score and weight (latency is absent when the
 *     target has no latency baseline)
 * @param indicators the telemetry the score was computed from
 */
public record HealthScore(double value, List<Component> components, HealthIndicators indicators) {

  /** The live-health indicators. */
  public enum Indicator {
    /** Error rate relative to the target's own baseline. */
    ERROR_RATE,
    /** p99 latency relative to the target's own baseline. */
    LATENCY_P99,
    /** Absolute crash rate against the crash SLO. */
    CRASH_RATE,
    /** Availability against the availability floor. */
    AVAILABILITY
  }

  /** One indicator's contribution. */
  public record Component(Indicator indicator, double score, double weight) {}

  public HealthScore {
    components = List.copyOf(components);
  }

  /**
   * Scores the telemetry, or empty when there is none to speak of (fewer samples than the SLO's
   * minimum): missing data is no evidence, never "healthy".
   */
  public static Optional<HealthScore> of(HealthIndicators indicators, HealthSlo slo) {
    if (indicators == null || indicators.samples() < slo.minSamples()) {
      return Optional.empty();
    }
    List<Component> components = new ArrayList<>(4);
    double errorRatio =
        Math.max(indicators.errorRate(), slo.errorRateFloor())
            / Math.max(indicators.baselineErrorRate(), slo.errorRateFloor());
    add(
        components,
        Indicator.ERROR_RATE,
        ratioScore(errorRatio, slo.errorRatioAtZero()),
        slo.errorWeight());
    if (indicators.hasLatency()) {
      double latencyRatio = indicators.latencyP99Ms() / indicators.baselineLatencyP99Ms();
      add(
          components,
          Indicator.LATENCY_P99,
          ratioScore(latencyRatio, slo.latencyRatioAtZero()),
          slo.latencyWeight());
    }
    add(
        components,
        Indicator.CRASH_RATE,
        clamp(1 - indicators.crashRate() / slo.crashRateAtZero()),
        slo.crashWeight());
    add(
        components,
        Indicator.AVAILABILITY,
        clamp(
            (indicators.availability() - slo.availabilityFloor()) / (1 - slo.availabilityFloor())),
        slo.availabilityWeight());
    if (components.isEmpty()) {
      // Only latency was weighted and it is unknown: nothing measured counts.
      return Optional.empty();
    }
    return Optional.of(new HealthScore(geometricMean(components), components, indicators));
  }

  /** Score of this indicator, when it was scored. */
  public Optional<Component> component(Indicator indicator) {
    return components.stream().filter(c -> c.indicator() == indicator).findFirst();
  }

  private static void add(List<Component> into, Indicator indicator, double score, double weight) {
    // A zero weight means "ignore"; keeping it would turn 0 · ln(0) into NaN.
    if (weight > 0) {
      into.add(new Component(indicator, score, weight));
    }
  }

  /** 1 at or below ratio 1, 0 at or above {@code atZero}, linear between. */
  private static double ratioScore(double ratio, double atZero) {
    return clamp((atZero - ratio) / (atZero - 1));
  }

  private static double geometricMean(List<Component> components) {
    double weightedLogs = 0;
    double totalWeight = 0;
    for (Component c : components) {
      if (c.score() == 0) {
        return 0;
      }
      weightedLogs += c.weight() * Math.log(c.score());
      totalWeight += c.weight();
    }
    return Math.exp(weightedLogs / totalWeight);
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }
}
