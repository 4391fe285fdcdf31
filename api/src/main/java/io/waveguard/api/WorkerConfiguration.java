package io.waveguard.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;

/** The release worker inside this process. */
public class WorkerConfiguration {

  /**
   * Runs a worker inside {@code server}. Turn off to scale the API and the workers (started with
   * {@code worker}) independently; the {@code worker} command runs one regardless.
   */
  private boolean enabled = true;

  /** How long a stopping worker lets running activities finish before it interrupts them. */
  @NotNull private Duration shutdownTimeout = Duration.seconds(20);

  @JsonProperty
  public boolean isEnabled() {
    return enabled;
  }

  @JsonProperty
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  @JsonProperty
  public Duration getShutdownTimeout() {
    return shutdownTimeout;
  }

  @JsonProperty
  public void setShutdownTimeout(Duration shutdownTimeout) {
    this.shutdownTimeout = shutdownTimeout;
  }
}
