package io.waveguard.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.validation.MinDataSize;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Size limits of HTTP request bodies; a larger body is answered 413 before it is parsed. */
public class LimitsConfiguration {

  /** Limit of every request body except telemetry batches. */
  @NotNull
  @MinDataSize(1024)
  private DataSize maxRequestBody = DataSize.mebibytes(1);

  /** Limit of a POST /telemetry body: 10,000 samples take about 1.5 MB of JSON. */
  @NotNull
  @MinDataSize(1024)
  private DataSize maxTelemetryBody = DataSize.mebibytes(4);

  /**
   * Waves one release may plan at most: history grows with every wave, and a release past
   * Temporal's history limit would be terminated mid-rollout.
   */
  @Min(1)
  private int maxWavesPerRelease = 200;

  @JsonProperty
  public int getMaxWavesPerRelease() {
    return maxWavesPerRelease;
  }

  @JsonProperty
  public void setMaxWavesPerRelease(int maxWavesPerRelease) {
    this.maxWavesPerRelease = maxWavesPerRelease;
  }

  @JsonProperty
  public DataSize getMaxRequestBody() {
    return maxRequestBody;
  }

  @JsonProperty
  public void setMaxRequestBody(DataSize maxRequestBody) {
    this.maxRequestBody = maxRequestBody;
  }

  @JsonProperty
  public DataSize getMaxTelemetryBody() {
    return maxTelemetryBody;
  }

  @JsonProperty
  public void setMaxTelemetryBody(DataSize maxTelemetryBody) {
    this.maxTelemetryBody = maxTelemetryBody;
  }
}
