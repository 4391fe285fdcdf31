package io.waveguard.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Where gates get telemetry: generated from the simulated fleet, or pushed to POST /telemetry. */
public class TelemetryConfiguration {

  /** The telemetry sources Waveguard ships. */
  public enum Source {
    /** Generates samples from the fleet's seeded baselines; versions named "faulty" misbehave. */
    SIMULATED,
    /** Reads what agents pushed to POST /api/v1/telemetry. */
    PUSH
  }

  @NotNull private Source source = Source.SIMULATED;

  /** Traffic each simulated target serves per minute; more traffic lets gates decide sooner. */
  @Min(1)
  private long requestsPerTargetPerMinute = 600;

  @JsonProperty
  public Source getSource() {
    return source;
  }

  @JsonProperty
  public void setSource(Source source) {
    this.source = source;
  }

  @JsonProperty
  public long getRequestsPerTargetPerMinute() {
    return requestsPerTargetPerMinute;
  }

  @JsonProperty
  public void setRequestsPerTargetPerMinute(long requestsPerTargetPerMinute) {
    this.requestsPerTargetPerMinute = requestsPerTargetPerMinute;
  }
}
