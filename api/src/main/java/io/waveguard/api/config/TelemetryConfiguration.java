package io.waveguard.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Where gates and trust get telemetry: generated from the simulated fleet, pushed to POST
 * /telemetry, or read from Prometheus.
 */
public class TelemetryConfiguration {

  /** The telemetry sources Waveguard ships. */
  public enum Source {
    /** Generates samples from the fleet's seeded baselines; versions named "faulty" misbehave. */
    SIMULATED,
    /** Reads what agents pushed to POST /api/v1/telemetry. */
    PUSH,
    /** Queries a Prometheus server with the configured PromQL templates. */
    PROMETHEUS
  }

  @NotNull private Source source = Source.SIMULATED;

  /** Traffic each simulated target serves per minute; more traffic lets gates decide sooner. */
  @Min(1)
  private long requestsPerTargetPerMinute = 600;

  /** Used when the source is prometheus. */
  @jakarta.validation.Valid @NotNull
  private PrometheusConfiguration prometheus = new PrometheusConfiguration();

  @JsonProperty
  public PrometheusConfiguration getPrometheus() {
    return prometheus;
  }

  @JsonProperty
  public void setPrometheus(PrometheusConfiguration prometheus) {
    this.prometheus = prometheus;
  }

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
