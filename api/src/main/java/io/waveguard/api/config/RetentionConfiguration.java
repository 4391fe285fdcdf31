package io.waveguard.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * What old data the server prunes, and how often: raw telemetry samples (with their rollups) and
 * trust snapshots, each by age. A snapshot behind a stored decision (it carries its release's id)
 * is kept while that release runs or ended within the audit window; each target's newest snapshot
 * is always kept, so its trust never falls back to the prior by age alone.
 */
public class RetentionConfiguration {

  /** Prune on a schedule in this process. Several processes pruning at once do no harm. */
  private boolean enabled = true;

  /** How often to prune; the first run is one interval after start. */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MINUTES)
  private Duration interval = Duration.hours(1);

  /** Raw telemetry samples older than this go (a gate's baseline reads an hour back). */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.DAYS)
  private Duration telemetry = Duration.days(14);

  /** Trust snapshots older than this go, unless a release in the audit window stands on them. */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.DAYS)
  private Duration trustSnapshots = Duration.days(90);

  /** How long after its end a release's decisions stay explainable from their snapshots. */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.DAYS)
  private Duration auditWindow = Duration.days(400);

  @JsonProperty
  public boolean isEnabled() {
    return enabled;
  }

  @JsonProperty
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  @JsonProperty
  public Duration getInterval() {
    return interval;
  }

  @JsonProperty
  public void setInterval(Duration interval) {
    this.interval = interval;
  }

  @JsonProperty
  public Duration getTelemetry() {
    return telemetry;
  }

  @JsonProperty
  public void setTelemetry(Duration telemetry) {
    this.telemetry = telemetry;
  }

  @JsonProperty
  public Duration getTrustSnapshots() {
    return trustSnapshots;
  }

  @JsonProperty
  public void setTrustSnapshots(Duration trustSnapshots) {
    this.trustSnapshots = trustSnapshots;
  }

  @JsonProperty
  public Duration getAuditWindow() {
    return auditWindow;
  }

  @JsonProperty
  public void setAuditWindow(Duration auditWindow) {
    this.auditWindow = auditWindow;
  }
}
