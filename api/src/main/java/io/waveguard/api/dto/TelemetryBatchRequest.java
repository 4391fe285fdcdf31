package io.waveguard.api.dto;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Body of POST /api/v1/telemetry. */
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record TelemetryBatchRequest(
    @NotNull @Size(min = 1, max = MAX_SAMPLES)
        List<@NotNull @Valid TelemetrySampleRequest> samples) {

  public static final int MAX_SAMPLES = 10_000;

  /**
   * True when no constraint of the batch or its samples can fail (see {@link
   * TelemetrySampleRequest#plainlyValid}); false sends the batch to the validator.
   */
  public boolean plainlyValid() {
    if (samples == null || samples.isEmpty() || samples.size() > MAX_SAMPLES) {
      return false;
    }
    for (TelemetrySampleRequest sample : samples) {
      if (sample == null || !sample.plainlyValid()) {
        return false;
      }
    }
    return true;
  }
}
