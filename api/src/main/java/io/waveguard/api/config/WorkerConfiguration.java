package io.waveguard.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Min;
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

  /**
   * Workflow tasks this worker runs at once. A release's workflow task is short (a decision over
   * its state), so slots turn over quickly; a bake is a timer and holds no slot.
   */
  @Min(1)
  private int workflowTaskSlots = 200;

  /**
   * Activities this worker runs at once: gate periods, deploy batches, plans, read-model writes.
   */
  @Min(1)
  private int activitySlots = 200;

  /**
   * Long polls for workflow tasks held open at once. Each poll brings one task, so with hundreds of
   * releases in one-second gate periods the pollers, not the slots, bound the throughput: the SDK's
   * 5 left the worker idle while tasks queued on the server.
   */
  @Min(1)
  private int workflowPollers = 10;

  /** Long polls for activity tasks held open at once. */
  @Min(1)
  private int activityPollers = 10;

  /**
   * Releases whose workflow state stays cached in this worker between their tasks (the sticky
   * cache). Above the number of running releases, no task replays a history; below it, the least
   * recently used release is evicted and replays on its next task (correct, only slower). The
   * default carries 1,000 running releases on one worker.
   */
  @Min(1)
  private int stickyCacheSize = 1_000;

  /**
   * Threads for cached workflows: each cached release holds one while it has work and may hold a
   * second for an operator's update handler, so twice the sticky cache.
   */
  @Min(2)
  private int maxWorkflowThreads = 2_000;

  @JsonProperty
  public int getWorkflowTaskSlots() {
    return workflowTaskSlots;
  }

  @JsonProperty
  public void setWorkflowTaskSlots(int workflowTaskSlots) {
    this.workflowTaskSlots = workflowTaskSlots;
  }

  @JsonProperty
  public int getActivitySlots() {
    return activitySlots;
  }

  @JsonProperty
  public void setActivitySlots(int activitySlots) {
    this.activitySlots = activitySlots;
  }

  @JsonProperty
  public int getWorkflowPollers() {
    return workflowPollers;
  }

  @JsonProperty
  public void setWorkflowPollers(int workflowPollers) {
    this.workflowPollers = workflowPollers;
  }

  @JsonProperty
  public int getActivityPollers() {
    return activityPollers;
  }

  @JsonProperty
  public void setActivityPollers(int activityPollers) {
    this.activityPollers = activityPollers;
  }

  @JsonProperty
  public int getStickyCacheSize() {
    return stickyCacheSize;
  }

  @JsonProperty
  public void setStickyCacheSize(int stickyCacheSize) {
    this.stickyCacheSize = stickyCacheSize;
  }

  @JsonProperty
  public int getMaxWorkflowThreads() {
    return maxWorkflowThreads;
  }

  @JsonProperty
  public void setMaxWorkflowThreads(int maxWorkflowThreads) {
    this.maxWorkflowThreads = maxWorkflowThreads;
  }

  /** The capacity settings as the worker takes them. */
  public WorkerCapacity capacity() {
    return new WorkerCapacity(
        workflowTaskSlots,
        activitySlots,
        workflowPollers,
        activityPollers,
        stickyCacheSize,
        maxWorkflowThreads);
  }

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
