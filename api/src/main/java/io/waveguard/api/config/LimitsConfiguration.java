package io.waveguard.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.validation.MinDataSize;
import io.waveguard.workflows.release.ReleaseRun;
import jakarta.validation.constraints.Max;
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
   * Waves one release may plan at most. History is bounded by continue-as-new, but every run
   * carries the state of every wave (about 0.2 KB each, more with long gate reasons) in its input,
   * which Temporal caps at 2 MB.
   */
  @Min(1)
  @Max(2_000)
  private int maxWavesPerRelease = 500;

  /**
   * History events one run of a release workflow may grow to before it continues as new at its next
   * wave boundary; a run overshoots by one wave at most.
   */
  @Min(ReleaseRun.MIN_MAX_HISTORY_EVENTS)
  @Max(40_000)
  private int maxHistoryEventsPerRun = ReleaseRun.DEFAULT_MAX_HISTORY_EVENTS;

  @JsonProperty
  public int getMaxHistoryEventsPerRun() {
    return maxHistoryEventsPerRun;
  }

  @JsonProperty
  public void setMaxHistoryEventsPerRun(int maxHistoryEventsPerRun) {
    this.maxHistoryEventsPerRun = maxHistoryEventsPerRun;
  }

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
