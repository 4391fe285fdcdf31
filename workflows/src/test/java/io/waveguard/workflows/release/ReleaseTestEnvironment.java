package io.waveguard.workflows.release;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.policy.model.Strategy;
import io.waveguard.policy.model.TargetSelector;
import java.time.Instant;

/** A time-skipping Temporal test server with Waveguard's search attributes registered. */
final class ReleaseTestEnvironment implements AutoCloseable {

  static final String TASK_QUEUE = "waveguard-test";

  final TestWorkflowEnvironment env;

  ReleaseTestEnvironment() {
    this(TestWorkflowEnvironment.newInstance());
  }

  /** A test server whose clock starts at {@code start} (then skips time as usual). */
  ReleaseTestEnvironment(Instant start) {
    this(
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setInitialTime(start).build()));
  }

  private ReleaseTestEnvironment(TestWorkflowEnvironment env) {
    this.env = env;
    for (SearchAttributeKey<?> key : ReleaseSearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), key.getValueType());
    }
  }

  /** Registers the workflow and the given activities on the test queue and starts the server. */
  ReleaseTestEnvironment start(Object activities) {
    return start(activities, WorkerOptions.getDefaultInstance());
  }

  /** Like {@link #start(Object)}, with the worker's own options (heartbeat throttling, ...). */
  ReleaseTestEnvironment start(Object activities, WorkerOptions options) {
    return startAll(options, activities);
  }

  /** Like {@link #start(Object, WorkerOptions)}, with activities of several objects. */
  ReleaseTestEnvironment startAll(WorkerOptions options, Object... activities) {
    Worker worker = env.newWorker(TASK_QUEUE, options);
    worker.registerWorkflowImplementationTypes(ReleaseWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();
    return this;
  }

  WorkflowClient client() {
    return env.getWorkflowClient();
  }

  /** Starts a release and returns its typed stub; does not wait for it. */
  ReleaseWorkflow startRelease(ReleaseSpec spec) {
    return startRelease(client(), spec);
  }

  static ReleaseWorkflow startRelease(WorkflowClient client, ReleaseSpec spec) {
    return startRelease(client, spec, ReleaseRun.first(ReleaseRun.DEFAULT_MAX_HISTORY_EVENTS));
  }

  /** Starts a release whose runs continue as new past {@code run}'s history budget. */
  ReleaseWorkflow startRelease(ReleaseSpec spec, ReleaseRun run) {
    return startRelease(client(), spec, run);
  }

  static ReleaseWorkflow startRelease(WorkflowClient client, ReleaseSpec spec, ReleaseRun run) {
    ReleaseWorkflow stub =
        client.newWorkflowStub(
            ReleaseWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(spec.workflowId())
                .setTaskQueue(TASK_QUEUE)
                .build());
    WorkflowClient.start(stub::run, spec, run);
    return stub;
  }

  static ReleaseSpec spec(String releaseId, Strategy strategy, ReleasePolicy policy) {
    return new ReleaseSpec(
        releaseId, "payments", "2.4.0", strategy, TargetSelector.all(), policy, "test");
  }

  @Override
  public void close() {
    env.close();
  }
}
