package io.waveguard.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.waveguard.activities.trust.TrustSettings;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.plan.TrustPlanParameters;
import io.waveguard.policy.trust.HealthSlo;
import io.waveguard.policy.trust.OutcomeAttribution;
import io.waveguard.policy.trust.TierWeights;
import io.waveguard.policy.trust.TrustParameters;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The trust model, trust-weighted planning and outcome attribution (README, "Trust"). Every field
 * defaults to the policy core's documented default; api/config/waveguard.yml lists them all. The
 * policy core validates the values and names the one it refuses.
 */
public class TrustConfiguration {

  private static final TrustParameters MODEL = TrustParameters.defaults();
  private static final HealthSlo SLO = HealthSlo.defaults();
  private static final TrustPlanParameters PLAN = TrustPlanParameters.defaults();
  private static final OutcomeAttribution.Parameters ATTRIBUTION =
      OutcomeAttribution.Parameters.defaults();

  /** An outcome this many days old counts half. */
  @JsonProperty public double halfLifeDays = MODEL.halfLifeDays();

  /** Fleet prior Beta(α₀, β₀), used as is or as the start of the fit to the fleet. */
  @JsonProperty public double priorAlpha = MODEL.priorAlpha();

  @JsonProperty public double priorBeta = MODEL.priorBeta();

  /** Fit the prior to the scored targets' records (method of moments). */
  @JsonProperty public boolean fitPriorToFleet = true;

  /** Share of live health in trust, in [0, 1). */
  @JsonProperty public double healthWeight = MODEL.healthWeight();

  /** Deployment outcomes one live-health reading is worth in the shrinkage. */
  @JsonProperty public double healthEvidence = MODEL.healthEvidence();

  /** Trust's lower credible bound is this quantile of its posterior. */
  @JsonProperty public double credibleQuantile = MODEL.credibleQuantile();

  /** Live health is read over this window before the moment of scoring. */
  @NotNull @JsonProperty public Duration healthWindow = Duration.minutes(15);

  /** A target's baseline is its telemetry over this window before the health window. */
  @NotNull @JsonProperty public Duration baselineWindow = Duration.minutes(45);

  /** Health SLOs: where each indicator's health reaches 0. */
  @Valid @NotNull @JsonProperty public Slo slo = new Slo();

  /** Impact weight per unit of size and cohort-trust threshold of each tier. */
  @NotNull @JsonProperty public Map<Tier, TierSettings> tiers = defaultTiers();

  /** Cumulative share of impact deployed after each wave of a trust-weighted plan. */
  @NotNull @JsonProperty public List<Double> waveSteps = PLAN.cumulativeImpactSteps();

  /**
   * The first wave into every tier after the first carries at most this share of the tier's impact
   * (a probe a tier-only fault meets first); 0 turns probes off.
   */
  @JsonProperty public double tierProbeShare = PLAN.tierProbeShare();

  /** Outcome attribution: blame a target only for excess errors this significant and large. */
  @Valid @NotNull @JsonProperty public Attribution attribution = new Attribution();

  /** Health SLO section. */
  public static class Slo {
    @JsonProperty public double errorRatioAtZero = SLO.errorRatioAtZero();
    @JsonProperty public double errorRateFloor = SLO.errorRateFloor();
    @JsonProperty public double latencyRatioAtZero = SLO.latencyRatioAtZero();
    @JsonProperty public double crashRateAtZero = SLO.crashRateAtZero();
    @JsonProperty public double availabilityFloor = SLO.availabilityFloor();
    @JsonProperty public long minSamples = SLO.minSamples();
  }

  /** One tier's weight and threshold. */
  public static class TierSettings {
    @JsonProperty public double weight;
    @JsonProperty public double threshold;

    public TierSettings() {}

    TierSettings(double weight, double threshold) {
      this.weight = weight;
      this.threshold = threshold;
    }
  }

  /** Outcome attribution section. */
  public static class Attribution {
    @JsonProperty public long minRequests = ATTRIBUTION.minRequests();
    @JsonProperty public double significance = ATTRIBUTION.significance();
    @JsonProperty public double materialRatio = ATTRIBUTION.materialRatio();
  }

  private static Map<Tier, TierSettings> defaultTiers() {
    Map<Tier, TierSettings> tiers = new EnumMap<>(Tier.class);
    for (Tier tier : Tier.values()) {
      tiers.put(tier, new TierSettings(tier.defaultWeight(), PLAN.threshold(tier)));
    }
    return tiers;
  }

  /** The engine's settings; the policy core's constructors reject values out of range. */
  public TrustSettings toSettings() {
    HealthSlo health =
        new HealthSlo(
            slo.errorRatioAtZero,
            slo.errorRateFloor,
            slo.latencyRatioAtZero,
            slo.crashRateAtZero,
            slo.availabilityFloor,
            slo.minSamples,
            SLO.errorWeight(),
            SLO.latencyWeight(),
            SLO.crashWeight(),
            SLO.availabilityWeight());
    TrustParameters model =
        new TrustParameters(
            halfLifeDays,
            priorAlpha,
            priorBeta,
            priorAlpha + priorBeta,
            healthWeight,
            healthEvidence,
            credibleQuantile,
            health);
    Map<Tier, Double> weights = new EnumMap<>(Tier.class);
    Map<Tier, Double> thresholds = new EnumMap<>(Tier.class);
    tiers.forEach(
        (tier, settings) -> {
          weights.put(tier, settings.weight);
          thresholds.put(tier, settings.threshold);
        });
    TrustPlanParameters planning =
        new TrustPlanParameters(
            new TierWeights(weights),
            thresholds,
            new ArrayList<>(waveSteps),
            PLAN.minTargetsPerWave(),
            tierProbeShare);
    return new TrustSettings(
        model,
        planning,
        new OutcomeAttribution.Parameters(
            attribution.minRequests,
            attribution.significance,
            attribution.materialRatio,
            slo.errorRateFloor),
        java.time.Duration.ofMillis(healthWindow.toMilliseconds()),
        java.time.Duration.ofMillis(baselineWindow.toMilliseconds()),
        fitPriorToFleet);
  }
}
