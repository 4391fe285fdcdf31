package io.waveguard.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** The release worker inside this process. */
public class WorkerConfiguration {

  /**
   * Runs a worker inside {@code server}. Turn off to scale the API and the workers (started with
   * {@code worker}) independently; the {@code worker} command runs one regardless.
   */
  private boolean enabled = true;

  /** How long a stopping worker lets running activities finish before it interrupts them. */
  @NotNull private Duration shutdownTimeout = Duration.seconds(20);

  /**
   * Keeps a release's workflow state in this worker between its workflow tasks (Temporal's sticky
   * execution). Turn off against {@code dev-temporal} when workers may be killed: Temporal's Java
   * test server never moves a task off a dead worker's sticky queue, so the releases that worker
   * ran would wait forever (a real server moves them after 5 s). Off costs a history replay per
   * workflow task, which is cheap here: a release's history grows with its waves, not its targets.
   */
  private boolean stickyExecution = true;

  /**
   * The longest an activity's heartbeat waits before it is sent to Temporal (the SDK otherwise
   * waits up to 80% of the heartbeat timeout, 48 s for a deploy). A deploy notices an abort's
   * cancellation only through a heartbeat, so this bounds how many more batches it sends.
   */
  @NotNull
  @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
  private Duration heartbeatThrottle = Duration.seconds(2);

  @JsonProperty
  public boolean isEnabled() {
    return enabled;
  }

  @JsonProperty
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  @JsonProperty
  public boolean isStickyExecution() {
    return stickyExecution;
  }

  @JsonProperty
  public void setStickyExecution(boolean stickyExecution) {
    this.stickyExecution = stickyExecution;
  }

  @JsonProperty
  public Duration getHeartbeatThrottle() {
    return heartbeatThrottle;
  }

  @JsonProperty
  public void setHeartbeatThrottle(Duration heartbeatThrottle) {
    this.heartbeatThrottle = heartbeatThrottle;
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
