package io.waveguard.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.waveguard.policy.model.SequentialGatePolicy;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.TierTolerances;
import io.waveguard.policy.settings.PolicySettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.EnumMap;
import java.util.Map;

/**
 * The release-wide sequential gate (README, "Gates"): the server's defaults for every release that
 * runs it. Defaults are {@link SequentialGatePolicy#defaults()}. Each field carries the core's
 * bounds; the rules between fields (the shares sum to 1, period ≤ minimum bake ≤ maximum bake) are
 * the policy core's, checked with the whole configuration ({@link WaveguardConfiguration}).
 */
public class SequentialGateConfiguration {

  private static final SequentialGatePolicy DEFAULTS = SequentialGatePolicy.defaults();

  /** False-rollback budget of a whole release. */
  @DecimalMin(value = "0", inclusive = false)
  @DecimalMax(value = "1", inclusive = false)
  @JsonProperty
  public double alpha = DEFAULTS.alpha();

  /** Chance that a tier is entered while the rate ratio is above its tolerance. */
  @DecimalMin(value = "0", inclusive = false)
  @DecimalMax(value = "1", inclusive = false)
  @JsonProperty
  public double entryAlpha = DEFAULTS.entryAlpha();

  /** Largest deployed/controls rate ratio each tier accepts. */
  @Valid @NotNull @JsonProperty public Tolerances tierTolerances = new Tolerances();

  @DecimalMin(value = "0", inclusive = false)
  @DecimalMax("1")
  @JsonProperty
  public double errorsShare = DEFAULTS.errorsShare();

  @DecimalMin("0")
  @DecimalMax("1")
  @JsonProperty
  public double latencyShare = DEFAULTS.latencyShare();

  @DecimalMin("0")
  @DecimalMax("1")
  @JsonProperty
  public double crashesShare = DEFAULTS.crashesShare();

  @DecimalMin("0")
  @DecimalMax("1")
  @JsonProperty
  public double availabilityShare = DEFAULTS.availabilityShare();

  /** Share of each metric's budget for the whole release; the rest goes to the strata. */
  @DecimalMin(value = "0", inclusive = false)
  @DecimalMax(value = "1", inclusive = false)
  @JsonProperty
  public double overallStratumShare = DEFAULTS.overallStratumShare();

  @DecimalMin(value = "0", inclusive = false)
  @DecimalMax("1")
  @JsonProperty
  public double minStratumShare = DEFAULTS.minStratumShare();

  @Min(1)
  @JsonProperty
  public int maxStrata = DEFAULTS.maxStrata();

  @DecimalMin(value = "1", inclusive = false)
  @JsonProperty
  public double latencyExceedanceRatio = DEFAULTS.latencyExceedanceRatio();

  @DecimalMin("0")
  @DecimalMax(value = "1", inclusive = false)
  @JsonProperty
  public double maxSilentShare = DEFAULTS.maxSilentShare();

  @Min(1)
  @JsonProperty
  public long periodSeconds = DEFAULTS.periodSeconds();

  @Min(1)
  @JsonProperty
  public long minBakeSeconds = DEFAULTS.minBakeSeconds();

  @Min(1)
  @JsonProperty
  public long maxBakeSeconds = DEFAULTS.maxBakeSeconds();

  @Min(1)
  @JsonProperty
  public long baselineSeconds = DEFAULTS.baselineSeconds();

  PolicySettings.SequentialGate toSettings() {
    return new PolicySettings.SequentialGate(
        alpha,
        entryAlpha,
        tierTolerances.byTier(),
        errorsShare,
        latencyShare,
        crashesShare,
        availabilityShare,
        overallStratumShare,
        minStratumShare,
        maxStrata,
        latencyExceedanceRatio,
        maxSilentShare,
        periodSeconds,
        minBakeSeconds,
        maxBakeSeconds,
        baselineSeconds);
  }

  /** Tier tolerances, keyed by the tiers' wire names as everywhere else in the configuration. */
  public static class Tolerances {
    private static final TierTolerances TIER_DEFAULTS = DEFAULTS.tolerances();

    @DecimalMin(value = "1", inclusive = false)
    @JsonProperty
    public double low = TIER_DEFAULTS.low();

    @DecimalMin(value = "1", inclusive = false)
    @JsonProperty
    public double standard = TIER_DEFAULTS.standard();

    @DecimalMin(value = "1", inclusive = false)
    @JsonProperty("finance-critical")
    public double financeCritical = TIER_DEFAULTS.financeCritical();

    @DecimalMin(value = "1", inclusive = false)
    @JsonProperty("safety-critical")
    public double safetyCritical = TIER_DEFAULTS.safetyCritical();

    Map<Tier, Double> byTier() {
      Map<Tier, Double> tolerances = new EnumMap<>(Tier.class);
      tolerances.put(Tier.LOW, low);
      tolerances.put(Tier.STANDARD, standard);
      tolerances.put(Tier.FINANCE_CRITICAL, financeCritical);
      tolerances.put(Tier.SAFETY_CRITICAL, safetyCritical);
      return tolerances;
    }
  }
}
