package io.waveguard.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.validation.MinDataSize;
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
