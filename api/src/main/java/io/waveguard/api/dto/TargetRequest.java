package io.waveguard.api.dto;

import io.swagger.v3.oas.annotations.media.Schema;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * Body of PUT /api/v1/targets/{id}.
 *
 * @param size traffic share, users or devices; impact grows with it (bounded so that impact and
 *     risk stay finite numbers)
 */
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record TargetRequest(
    @NotBlank @Size(max = 128) String service,
    @NotBlank @Size(max = 128) String segment,
    @NotNull Tier tier,
    @NotNull @DecimalMin("0") @DecimalMax("1e9") Double size,
    @Size(max = 100) Map<@NotBlank String, @NotNull String> labels) {

  public Target toTarget(String id) {
    return new Target(id, service.strip(), segment.strip(), tier, size, labels);
  }
}
