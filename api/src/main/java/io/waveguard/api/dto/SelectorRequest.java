package io.waveguard.api.dto;

import io.swagger.v3.oas.annotations.media.Schema;
import io.waveguard.policy.model.TargetSelector;
import io.waveguard.policy.model.Tier;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** Narrows a release to some of its service's targets; empty or absent fields select all. */
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record SelectorRequest(
    @Size(max = 1000) List<@NotBlank String> segments,
    @Size(max = 10) List<@NotNull Tier> tiers,
    @Size(max = 100) Map<@NotBlank String, @NotNull String> labels) {

  public TargetSelector toSelector() {
    return new TargetSelector(segments, tiers, labels);
  }
}
