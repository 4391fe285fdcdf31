package io.waveguard.api.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.waveguard.policy.model.TierTolerances;

/**
 * Tier tolerances as JSON, keyed by the tiers' wire names; in a request each absent tier keeps its
 * default, so every value may be null there.
 */
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record TierTolerancesJson(
    @JsonProperty("low") Double low,
    @JsonProperty("standard") Double standard,
    @JsonProperty("finance-critical") Double financeCritical,
    @JsonProperty("safety-critical") Double safetyCritical) {

  public static TierTolerancesJson of(TierTolerances tolerances) {
    return new TierTolerancesJson(
        tolerances.low(),
        tolerances.standard(),
        tolerances.financeCritical(),
        tolerances.safetyCritical());
  }
}
