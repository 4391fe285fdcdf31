package io.waveguard.api.dto;

import io.swagger.v3.oas.annotations.media.Schema;
import io.waveguard.policy.model.OperatorCommand;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of POST /api/v1/releases/{id}/pause|resume|approve|abort: who asks, and why. */
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record OperatorCommandRequest(
    @NotBlank @Size(max = 128) String operator, @NotBlank @Size(max = 2000) String reason) {

  public OperatorCommand toCommand() {
    return new OperatorCommand(operator.strip(), reason.strip());
  }
}
