package io.waveguard.simulation.report;

import java.util.Map;

/** One strategy's figures in one cell; every rate and mean with a 95 % interval. */
public record StrategySummary(String name, Faulty faulty, Good good, Ratios ratios) {

  /**
   * Over faulty releases.
   *
   * @param highTierExposure impact-weighted share of finance- and safety-critical targets that ran
   *     the faulty build before it was rolled back (or for good, when it escaped)
   * @param tierExposure the same per tier, by tier wire name
   * @param timeToDetectMedianMinutes over detected releases (a gate failed); NaN if none
   * @param escapeRate faulty releases that completed: every wave passed (or was resumed past)
   * @param fullExposureRate faulty releases that reached every target, caught or not
   */
  public record Faulty(
      int releases,
      Estimate highTierExposure,
      Estimate totalExposure,
      Map<String, Estimate> tierExposure,
      Estimate safetyCriticalTouchedRate,
      Estimate highTierTargetsTouched,
      int detected,
      Estimate timeToDetectMedianMinutes,
      double timeToDetectP95Minutes,
      Estimate escapeRate,
      Estimate fullExposureRate) {}

  /**
   * Over good releases.
   *
   * @param timeToFullRolloutMedianMinutes over completed good releases, interval by bootstrap
   * @param falseRollbackRate good releases that a gate rolled back
   * @param holdsPerRelease operator resumes a good release needed on average
   */
  public record Good(
      int releases,
      Estimate timeToFullRolloutMedianMinutes,
      double timeToFullRolloutP90Minutes,
      Estimate timeToFullRolloutMeanMinutes,
      Estimate falseRollbackRate,
      double holdsPerRelease) {}

  /**
   * Paired ratios on the same seeds and releases; NaN where the denominator is zero.
   *
   * @param highTierExposureVsCanary mean high-tier exposure over canary's
   * @param timeToFullRolloutVsCanary median time to full rollout over canary's
   * @param highTierExposureVsFloor mean high-tier exposure over the oracle floor's (NaN when the
   *     floor exposes no high-tier target, which is the usual case: then see the total ratio)
   * @param totalExposureVsFloor mean total-impact exposure over the oracle floor's
   */
  public record Ratios(
      Estimate highTierExposureVsCanary,
      Estimate totalExposureVsCanary,
      Estimate timeToFullRolloutVsCanary,
      Estimate highTierExposureVsFloor,
      Estimate totalExposureVsFloor) {}
}
