package io.waveguard.api.dto;

import io.swagger.v3.oas.annotations.media.Schema;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.policy.model.Strategy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of POST /api/v1/releases.
 *
 * @param releaseId the caller's idempotency key; a UUID is generated when absent
 * @param selector which of the service's targets take part; all when absent
 * @param policy overrides of the server's policy defaults
 */
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record CreateReleaseRequest(
    @Pattern(
            regexp = ReleaseIds.PATTERN,
            message = "must be 1 to 64 letters, digits, '.', '_' or '-', not only dots")
        @Size(
            max = ReleaseIds.MAX_LENGTH,
            message = "must be 1 to 64 letters, digits, '.', '_' or '-', not only dots")
        String releaseId,
    @NotBlank @Size(max = 128) String service,
    @NotBlank @Size(max = 128) String version,
    @NotNull Strategy strategy,
    @Valid SelectorRequest selector,
    @Valid PolicyRequest policy) {

  /**
   * The workflow's input; call only after validation.
   *
   * @param policy the release's effective policy, resolved from {@link #policy()}
   */
  public ReleaseSpec toSpec(String id, String requestedBy, ReleasePolicy policy) {
    return new ReleaseSpec(
        id,
        service.strip(),
        version.strip(),
        strategy,
        selector == null ? null : selector.toSelector(),
        policy,
        requestedBy);
  }
}
