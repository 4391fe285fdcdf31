package io.waveguard.policy.settings;

import io.waveguard.policy.calendar.ChangeCalendar;
import io.waveguard.policy.model.Tier;
import java.util.List;
import java.util.Map;

/**
 * What an operator (the server's YAML) or a scenario (the simulator's YAML) may set about how
 * releases run: every field is optional, and one left null takes the policy core's default. {@link
 * PolicyMapping#toCore} is the one translation of these settings into the core's parameter records,
 * so the server and the simulator can never map the same knob two ways.
 *
 * @param release the release's own knobs (bakes and wave sizes of the per-wave gate, tier entry)
 * @param gate the per-wave gate: Wald's SPRT on error counts and the latency shift test
 * @param sequentialGate the release-wide sequential gate
 * @param trust the trust model and its live-health SLOs
 * @param plan trust-weighted planning: tier weights and thresholds, wave steps, wave sizes
 * @param attribution how a finished release's telemetry becomes per-target outcomes
 */
public record PolicySettings(
    Release release,
    Gate gate,
    SequentialGate sequentialGate,
    Trust trust,
    Plan plan,
    Attribution attribution) {

  public PolicySettings {
    release = release == null ? Release.unset() : release;
    gate = gate == null ? Gate.unset() : gate;
    sequentialGate = sequentialGate == null ? SequentialGate.unset() : sequentialGate;
    trust = trust == null ? Trust.unset() : trust;
    plan = plan == null ? Plan.unset() : plan;
    attribution = attribution == null ? Attribution.unset() : attribution;
  }

  /** Nothing set: every value is the policy core's default. */
  public static PolicySettings defaults() {
    return new PolicySettings(null, null, null, null, null, null);
  }

  /** The core's parameter records these settings describe ({@link PolicyMapping#toCore}). */
  public CorePolicy toCore() {
    return PolicyMapping.toCore(this);
  }

  /**
   * A release's own knobs ({@code ReleasePolicy}).
   *
   * @param minEvidenceRequests requests the deployed cohort must have served before a wave under
   *     the per-wave gate enters a higher tier; 0 means {@code minRequestsPerCohort}
   * @param changeCalendar when waves may start; null for at any time (the simulator keeps none)
   */
  public record Release(
      Long bakeSeconds,
      Integer maxBakeExtensions,
      Double firstWavePercent,
      Double waveGrowthFactor,
      Long minRequestsPerCohort,
      List<Tier> approvalTiers,
      Long minEvidenceRequests,
      ChangeCalendar changeCalendar) {

    public Release {
      approvalTiers = approvalTiers == null ? null : List.copyOf(approvalTiers);
    }

    public static Release unset() {
      return new Release(null, null, null, null, null, null, null, null);
    }
  }

  /** The per-wave gate ({@code SprtParameters} and {@code LatencyShiftParameters}). */
  public record Gate(
      Double alpha,
      Double beta,
      Double minRelativeEffect,
      Double latencyAlpha,
      Integer latencyMinSamples,
      Double latencyMinEffect) {

    public static Gate unset() {
      return new Gate(null, null, null, null, null, null);
    }
  }

  /**
   * The release-wide sequential gate ({@code SequentialGatePolicy}).
   *
   * @param tierTolerances the rate ratio each tier tolerates; a tier left out keeps its default
   */
  public record SequentialGate(
      Double alpha,
      Double entryAlpha,
      Map<Tier, Double> tierTolerances,
      Double errorsShare,
      Double latencyShare,
      Double crashesShare,
      Double availabilityShare,
      Double overallStratumShare,
      Double minStratumShare,
      Integer maxStrata,
      Double latencyExceedanceRatio,
      Double maxSilentShare,
      Long periodSeconds,
      Long minBakeSeconds,
      Long maxBakeSeconds,
      Long baselineSeconds) {

    public SequentialGate {
      tierTolerances = tierTolerances == null ? Map.of() : Map.copyOf(tierTolerances);
    }

    public static SequentialGate unset() {
      return new SequentialGate(
          null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
          null);
    }
  }

  /**
   * The trust model ({@code TrustParameters}); the prior's evidence scale is α₀+β₀.
   *
   * @param fitPrior fit the Beta prior to the scored fleet (method of moments) instead of using
   *     Beta(priorAlpha, priorBeta) as is
   */
  public record Trust(
      Double halfLifeDays,
      Double priorAlpha,
      Double priorBeta,
      Boolean fitPrior,
      Double healthWeight,
      Double healthEvidence,
      Double credibleQuantile,
      Slo slo) {

    public Trust {
      slo = slo == null ? Slo.unset() : slo;
    }

    public static Trust unset() {
      return new Trust(null, null, null, null, null, null, null, null);
    }
  }

  /** Where each live-health indicator reaches 0 ({@code HealthSlo}; the weights stay equal). */
  public record Slo(
      Double errorRatioAtZero,
      Double errorRateFloor,
      Double latencyRatioAtZero,
      Double crashRateAtZero,
      Double availabilityFloor,
      Long minSamples) {

    public static Slo unset() {
      return new Slo(null, null, null, null, null, null);
    }
  }

  /**
   * Trust-weighted planning ({@code TrustPlanParameters}).
   *
   * @param tierWeights impact per unit of size; a tier left out keeps its default weight
   * @param tierThresholds cohort trust needed to enter each tier; null for the defaults, and when
   *     given, a tier left out needs none (0), as the core's planner reads a threshold map
   * @param cumulativeImpactSteps cumulative impact share deployed after each wave, ending at 1
   */
  public record Plan(
      Map<Tier, Double> tierWeights,
      Map<Tier, Double> tierThresholds,
      List<Double> cumulativeImpactSteps,
      Integer minTargetsPerWave,
      Double tierProbeShare) {

    public Plan {
      tierWeights = tierWeights == null ? Map.of() : Map.copyOf(tierWeights);
      tierThresholds = tierThresholds == null ? null : Map.copyOf(tierThresholds);
      cumulativeImpactSteps =
          cumulativeImpactSteps == null ? null : List.copyOf(cumulativeImpactSteps);
    }

    public static Plan unset() {
      return new Plan(null, null, null, null, null);
    }
  }

  /**
   * Outcome attribution ({@code OutcomeAttribution.Parameters}); its error-rate floor is the health
   * SLO's.
   */
  public record Attribution(Long minRequests, Double significance, Double materialRatio) {

    public static Attribution unset() {
      return new Attribution(null, null, null);
    }
  }
}
