package io.waveguard.api.dto;

import io.swagger.v3.oas.annotations.media.Schema;
import io.waveguard.policy.model.OperatorCommand;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of POST /api/v1/releases/{id}/pause|resume|approve|abort|retry-rollback: why. Who asks is
 * the bearer token's identity; an {@code operator} here is still accepted, for clients written
 * before tokens, and ignored.
 */
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record OperatorCommandRequest(
    @Schema(
            description =
                "ignored: the operator recorded is the bearer token's identity (kept so older"
                    + " clients still work)",
            deprecated = true)
        @Size(max = 128)
        String operator,
    @NotBlank @Size(max = 2000) String reason) {

  /** The command as {@code identity} (the authenticated caller) gives it. */
  public OperatorCommand toCommand(String identity) {
    return new OperatorCommand(identity, reason.strip());
  }
}
