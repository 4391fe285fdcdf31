package io.waveguard.api.temporal;

import io.dropwizard.lifecycle.Managed;
import io.temporal.client.WorkflowClient;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.waveguard.api.config.WorkerCapacity;
import io.waveguard.workflows.release.ReleaseWorkflowImpl;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the release task queue: runs {@link ReleaseWorkflowImpl} and the activities that carry out
 * its commands. Stopping lets running activities finish for a bounded time; Temporal retries any
 * that are cut off, so nothing is lost either way.
 */
public final class ReleaseWorker implements Managed {

  private static final Logger log = LoggerFactory.getLogger(ReleaseWorker.class);

  private final WorkflowClient client;
  private final String taskQueue;
  private final List<Object> activities;
  private final Duration shutdownTimeout;
  private final boolean stickyExecution;
  private final Duration heartbeatThrottle;
  private final WorkerCapacity capacity;
  private final List<WorkerInterceptor> interceptors;
  private WorkerFactory factory;

  /**
   * @param activities the four activity implementations (planning, deployment, gate, record)
   * @param stickyExecution false sends every workflow task through the shared task queue (see
   *     {@link io.waveguard.api.config.WorkerConfiguration})
   * @param heartbeatThrottle the longest an activity heartbeat waits before it reaches Temporal,
   *     which is also how late a deploy can notice that an abort cancelled it
   * @param capacity task slots, pollers and the sticky cache
   * @param interceptors around every workflow and activity execution (tracing)
   */
  public ReleaseWorker(
      WorkflowClient client,
      String taskQueue,
      List<Object> activities,
      Duration shutdownTimeout,
      boolean stickyExecution,
      Duration heartbeatThrottle,
      WorkerCapacity capacity,
      List<WorkerInterceptor> interceptors) {
    this.interceptors = List.copyOf(interceptors);
    this.client = client;
    this.taskQueue = taskQueue;
    this.activities = List.copyOf(activities);
    this.shutdownTimeout = shutdownTimeout;
    this.stickyExecution = stickyExecution;
    this.heartbeatThrottle = heartbeatThrottle;
    this.capacity = capacity;
  }

  @Override
  public synchronized void start() {
    factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(interceptors.toArray(WorkerInterceptor[]::new))
                .setWorkflowCacheSize(capacity.stickyCacheSize())
                .setMaxWorkflowThreadCount(capacity.maxWorkflowThreads())
                .build());
    WorkerOptions.Builder options =
        WorkerOptions.newBuilder()
            .setMaxHeartbeatThrottleInterval(heartbeatThrottle)
            .setMaxConcurrentWorkflowTaskExecutionSize(capacity.workflowTaskSlots())
            .setMaxConcurrentActivityExecutionSize(capacity.activitySlots())
            .setMaxConcurrentWorkflowTaskPollers(capacity.workflowPollers())
            .setMaxConcurrentActivityTaskPollers(capacity.activityPollers());
    if (!stickyExecution) {
      // A zero timeout makes the SDK ask for no sticky queue when it completes a workflow task.
      options.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
    }
    Worker worker = factory.newWorker(taskQueue, options.build());
    worker.registerWorkflowImplementationTypes(ReleaseWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities.toArray());
    factory.start();
    log.info(
        "release worker polling task queue {}{}: {}",
        taskQueue,
        stickyExecution ? "" : " (sticky execution off)",
        capacity);
  }

  @Override
  public synchronized void stop() {
    if (factory == null) {
      return;
    }
    factory.shutdown();
    factory.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!factory.isTerminated()) {
      log.warn("release worker did not stop within {}; interrupting activities", shutdownTimeout);
      factory.shutdownNow();
      factory.awaitTermination(5, TimeUnit.SECONDS);
    }
    factory = null;
  }
}
