package io.waveguard.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.plan.TrustPlanParameters;
import io.waveguard.policy.settings.PolicySettings;
import io.waveguard.policy.trust.HealthSlo;
import io.waveguard.policy.trust.OutcomeAttribution;
import io.waveguard.policy.trust.TrustParameters;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The trust model, trust-weighted planning and outcome attribution (README, "Trust"). Every field
 * defaults to the policy core's documented default; api/config/waveguard.yml lists them all. Each
 * field carries the core's bounds; the rules between fields (wave steps increasing to 1) are the
 * core's, checked with the whole configuration ({@link WaveguardConfiguration}).
 */
public class TrustConfiguration {

  private static final TrustParameters MODEL = TrustParameters.defaults();
  private static final HealthSlo SLO = HealthSlo.defaults();
  private static final TrustPlanParameters PLAN = TrustPlanParameters.defaults();
  private static final OutcomeAttribution.Parameters ATTRIBUTION =
      OutcomeAttribution.Parameters.defaults();

  /** An outcome this many days old counts half. */
  @DecimalMin(value = "0", inclusive = false)
  @JsonProperty
  public double halfLifeDays = MODEL.halfLifeDays();

  /** Fleet prior Beta(α₀, β₀), used as is or as the start of the fit to the fleet. */
  @DecimalMin(value = "0", inclusive = false)
  @JsonProperty
  public double priorAlpha = MODEL.priorAlpha();

  @DecimalMin(value = "0", inclusive = false)
  @JsonProperty
  public double priorBeta = MODEL.priorBeta();

  /** Fit the prior to the scored targets' records (method of moments). */
  @JsonProperty public boolean fitPriorToFleet = true;

  /** Share of live health in trust, in [0, 1). */
  @DecimalMin("0")
  @DecimalMax(value = "1", inclusive = false)
  @JsonProperty
  public double healthWeight = MODEL.healthWeight();

  /** Deployment outcomes one live-health reading is worth in the shrinkage. */
  @DecimalMin("0")
  @JsonProperty
  public double healthEvidence = MODEL.healthEvidence();

  /** Trust's lower credible bound is this quantile of its posterior. */
  @DecimalMin(value = "0", inclusive = false)
  @DecimalMax(value = "1", inclusive = false)
  @JsonProperty
  public double credibleQuantile = MODEL.credibleQuantile();

  /** Live health is read over this window before the moment of scoring. */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @JsonProperty
  public Duration healthWindow = Duration.minutes(15);

  /** A target's baseline is its telemetry over this window before the health window. */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @JsonProperty
  public Duration baselineWindow = Duration.minutes(45);

  /** Health SLOs: where each indicator's health reaches 0. */
  @Valid @NotNull @JsonProperty public Slo slo = new Slo();

  /**
   * Impact weight per unit of size and cohort-trust threshold of each tier; a tier left out keeps
   * its default weight and needs no trust (threshold 0).
   */
  @NotNull @JsonProperty public Map<Tier, @Valid @NotNull TierSettings> tiers = defaultTiers();

  /** Cumulative share of impact deployed after each wave of a trust-weighted plan. */
  @NotEmpty @JsonProperty
  public List<@NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double>
      waveSteps = PLAN.cumulativeImpactSteps();

  /** The fewest targets a wave of a trust-weighted plan holds, unless its tier has fewer left. */
  @Min(1)
  @JsonProperty
  public int minTargetsPerWave = PLAN.minTargetsPerWave();

  /**
   * The first wave into every tier after the first carries at most this share of the tier's impact
   * (a probe a tier-only fault meets first); 0 turns probes off.
   */
  @DecimalMin("0")
  @DecimalMax(value = "1", inclusive = false)
  @JsonProperty
  public double tierProbeShare = PLAN.tierProbeShare();

  /** Outcome attribution: blame a target only for excess errors this significant and large. */
  @Valid @NotNull @JsonProperty public Attribution attribution = new Attribution();

  /** Health SLO section. */
  public static class Slo {
    @DecimalMin(value = "1", inclusive = false)
    @JsonProperty
    public double errorRatioAtZero = SLO.errorRatioAtZero();

    @DecimalMin(value = "0", inclusive = false)
    @DecimalMax(value = "1", inclusive = false)
    @JsonProperty
    public double errorRateFloor = SLO.errorRateFloor();

    @DecimalMin(value = "1", inclusive = false)
    @JsonProperty
    public double latencyRatioAtZero = SLO.latencyRatioAtZero();

    @DecimalMin(value = "0", inclusive = false)
    @DecimalMax("1")
    @JsonProperty
    public double crashRateAtZero = SLO.crashRateAtZero();

    @DecimalMin("0")
    @DecimalMax(value = "1", inclusive = false)
    @JsonProperty
    public double availabilityFloor = SLO.availabilityFloor();

    @Min(1)
    @JsonProperty
    public long minSamples = SLO.minSamples();

    PolicySettings.Slo toSettings() {
      return new PolicySettings.Slo(
          errorRatioAtZero,
          errorRateFloor,
          latencyRatioAtZero,
          crashRateAtZero,
          availabilityFloor,
          minSamples);
    }
  }

  /** One tier's weight and threshold; both must be given. */
  public static class TierSettings {
    @NotNull
    @DecimalMin("0")
    @JsonProperty
    public Double weight;

    @NotNull
    @DecimalMin("0")
    @DecimalMax("1")
    @JsonProperty
    public Double threshold;

    public TierSettings() {}

    TierSettings(double weight, double threshold) {
      this.weight = weight;
      this.threshold = threshold;
    }
  }

  /** Outcome attribution section. */
  public static class Attribution {
    @Min(0)
    @JsonProperty
    public long minRequests = ATTRIBUTION.minRequests();

    @DecimalMin(value = "0", inclusive = false)
    @DecimalMax(value = "1", inclusive = false)
    @JsonProperty
    public double significance = ATTRIBUTION.significance();

    @DecimalMin(value = "0", inclusive = false)
    @JsonProperty
    public double materialRatio = ATTRIBUTION.materialRatio();

    PolicySettings.Attribution toSettings() {
      return new PolicySettings.Attribution(minRequests, significance, materialRatio);
    }
  }

  private static Map<Tier, TierSettings> defaultTiers() {
    Map<Tier, TierSettings> tiers = new EnumMap<>(Tier.class);
    for (Tier tier : Tier.values()) {
      tiers.put(tier, new TierSettings(tier.defaultWeight(), PLAN.threshold(tier)));
    }
    return tiers;
  }

  PolicySettings.Trust toTrustSettings() {
    return new PolicySettings.Trust(
        halfLifeDays,
        priorAlpha,
        priorBeta,
        fitPriorToFleet,
        healthWeight,
        healthEvidence,
        credibleQuantile,
        slo.toSettings());
  }

  PolicySettings.Plan toPlanSettings() {
    Map<Tier, Double> weights = new EnumMap<>(Tier.class);
    Map<Tier, Double> thresholds = new EnumMap<>(Tier.class);
    tiers.forEach(
        (tier, settings) -> {
          weights.put(tier, settings.weight);
          thresholds.put(tier, settings.threshold);
        });
    return new PolicySettings.Plan(
        weights, thresholds, waveSteps, minTargetsPerWave, tierProbeShare);
  }

  java.time.Duration healthWindow() {
    return java.time.Duration.ofMillis(healthWindow.toMilliseconds());
  }

  java.time.Duration baselineWindow() {
    return java.time.Duration.ofMillis(baselineWindow.toMilliseconds());
  }
}
