package io.waveguard.api.dto;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.swagger.v3.oas.annotations.media.Schema;
import io.waveguard.activities.db.TelemetrySample;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * One target's telemetry over [windowStart, windowEnd). Checks across fields (errors at most
 * requests, end after start) are made by the resource, which can name the sample's index.
 *
 * @param version the build the sample was measured on, when the agent knows it; a sample of another
 *     build than the one Waveguard deployed on the target is not credited to the release
 */
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record TelemetrySampleRequest(
    @NotBlank @Size(max = 128) String targetId,
    @NotNull @JsonDeserialize(using = UtcInstantDeserializer.class) Instant windowStart,
    @NotNull @JsonDeserialize(using = UtcInstantDeserializer.class) Instant windowEnd,
    @NotNull @Min(0) Long requests,
    @NotNull @Min(0) Long errors,
    @DecimalMin("0") @DecimalMax("86400000") Double latencyP99Ms,
    @Min(0) Long crashes,
    @Size(max = 128) String version) {

  /** The largest {@code latencyP99Ms}: a day. */
  public static final double MAX_LATENCY_MS = 86_400_000;

  /**
   * True when none of the constraints above can fail, decided without Bean Validation (which costs
   * more than the rest of a sample's ingestion). False does not mean invalid: the caller then runs
   * the validator, whose answer names the field.
   */
  public boolean plainlyValid() {
    return targetId != null
        && targetId.length() <= 128
        && !targetId.trim().isEmpty()
        && windowStart != null
        && windowEnd != null
        && requests != null
        && requests >= 0
        && errors != null
        && errors >= 0
        && (latencyP99Ms == null || (latencyP99Ms >= 0 && latencyP99Ms <= MAX_LATENCY_MS))
        && (crashes == null || crashes >= 0)
        && (version == null || version.length() <= 128);
  }

  public TelemetrySample toSample() {
    return new TelemetrySample(
        targetId,
        windowStart,
        windowEnd,
        requests,
        errors,
        latencyP99Ms,
        crashes == null ? 0 : crashes,
        version == null || version.isBlank() ? null : version.strip());
  }
}
