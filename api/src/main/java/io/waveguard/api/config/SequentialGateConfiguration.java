package io.waveguard.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.validation.selfvalidating.SelfValidating;
import io.dropwizard.validation.selfvalidating.SelfValidation;
import io.dropwizard.validation.selfvalidating.ViolationCollector;
import io.waveguard.policy.model.SequentialGatePolicy;
import io.waveguard.policy.model.TierTolerances;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/**
 * The release-wide sequential gate (README, "Gates"): the server's defaults for every release that
 * runs it. Defaults are {@link SequentialGatePolicy#defaults()}; the policy core checks the values
 * together and the first one it refuses stops the server at startup with its reason.
 */
@SelfValidating
public class SequentialGateConfiguration {

  private static final SequentialGatePolicy DEFAULTS = SequentialGatePolicy.defaults();

  /** False-rollback budget of a whole release. */
  @JsonProperty public double alpha = DEFAULTS.alpha();

  /** Chance that a tier is entered while the rate ratio is above its tolerance. */
  @JsonProperty public double entryAlpha = DEFAULTS.entryAlpha();

  /** Largest deployed/controls rate ratio each tier accepts. */
  @Valid @NotNull @JsonProperty public Tolerances tierTolerances = new Tolerances();

  @JsonProperty public double errorsShare = DEFAULTS.errorsShare();
  @JsonProperty public double latencyShare = DEFAULTS.latencyShare();
  @JsonProperty public double crashesShare = DEFAULTS.crashesShare();
  @JsonProperty public double availabilityShare = DEFAULTS.availabilityShare();

  /** Share of each metric's budget for the whole release; the rest goes to the strata. */
  @JsonProperty public double overallStratumShare = DEFAULTS.overallStratumShare();

  @JsonProperty public double minStratumShare = DEFAULTS.minStratumShare();
  @JsonProperty public int maxStrata = DEFAULTS.maxStrata();
  @JsonProperty public double latencyExceedanceRatio = DEFAULTS.latencyExceedanceRatio();
  @JsonProperty public double maxSilentShare = DEFAULTS.maxSilentShare();
  @JsonProperty public long periodSeconds = DEFAULTS.periodSeconds();
  @JsonProperty public long minBakeSeconds = DEFAULTS.minBakeSeconds();
  @JsonProperty public long maxBakeSeconds = DEFAULTS.maxBakeSeconds();
  @JsonProperty public long baselineSeconds = DEFAULTS.baselineSeconds();

  /** The policy these settings describe; the one place configuration becomes the core's record. */
  public SequentialGatePolicy toPolicy() {
    return new SequentialGatePolicy(
        alpha,
        entryAlpha,
        tierTolerances.toTolerances(),
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

  /** Lets the policy core judge the settings together, so its rules live in one place. */
  @SelfValidation
  public void validateWithThePolicyCore(ViolationCollector violations) {
    try {
      toPolicy();
    } catch (IllegalArgumentException | NullPointerException refused) {
      violations.addViolation(String.valueOf(refused.getMessage()));
    }
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

    TierTolerances toTolerances() {
      return new TierTolerances(low, standard, financeCritical, safetyCritical);
    }
  }
}
