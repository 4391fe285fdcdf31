package io.waveguard.workflows.release;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import io.waveguard.policy.model.ReleaseSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Recorded release histories must keep replaying on the current workflow code. */
class ReleaseReplayTest {

  private static TestWorkflowEnvironment env;
  private static Worker current;
  private static Worker changed;

  @BeforeAll
  static void workers() {
    env = TestWorkflowEnvironment.newInstance();
    // A cold JVM on a busy 2-core machine can take over a second for the first replay; the
    // default deadlock detector would call that a deadlock.
    WorkerOptions patient =
        WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(30_000).build();
    current = env.newWorker("replay-current", patient);
    current.registerWorkflowImplementationTypes(ReleaseWorkflowImpl.class);
    changed = env.newWorker("replay-changed", patient);
    changed.registerWorkflowImplementationTypes(TimerBeforePlanningWorkflow.class);
  }

  @AfterAll
  static void close() {
    env.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "completed",
        "rolled-back",
        "paused-resumed",
        "trust-completed",
        "trust-rolled-back",
        "trust-tier-hold",
        "sequential-early-pass",
        "sequential-early-fail",
        "sequential-max-bake-pause",
        "sequential-tier-entry-hold",
        "async-read-model-rolled-back",
        "pause-before-completion",
        "rollback-incomplete-retried",
        "abort-cancels-deploy",
        "abort-fences-deploy",
        "continued-as-new",
        "target-holds-waited",
        "readable-history-completed",
        "change-window-waited",
        "approval-every-tier-approved",
        "notifications-told"
      })
  void recordedHistoriesReplayOnTheCurrentWorkflow(String name) throws IOException {
    WorkflowExecutionHistory history = history(name);

    assertThatCode(() -> current.replayWorkflowExecution(history)).doesNotThrowAnyException();
  }

  @Test
  void aNonDeterministicChangeIsCaught() throws IOException {
    WorkflowExecutionHistory history = history("completed");

    assertThatThrownBy(() -> changed.replayWorkflowExecution(history))
        .hasStackTraceContaining("NonDeterministic");
  }

  private static WorkflowExecutionHistory history(String name) throws IOException {
    try (InputStream in =
        ReleaseReplayTest.class.getResourceAsStream("/histories/" + name + ".json")) {
      if (in == null) {
        throw new IllegalStateException("missing history " + name);
      }
      return WorkflowExecutionHistory.fromJson(
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** The kind of change that breaks running releases: a new timer before the first activity. */
  public static class TimerBeforePlanningWorkflow extends ReleaseWorkflowImpl {

    @WorkflowInit
    public TimerBeforePlanningWorkflow(ReleaseSpec spec, ReleaseRun run) {
      super(spec, run);
    }

    @Override
    public ReleaseState run(ReleaseSpec spec, ReleaseRun run) {
      Workflow.sleep(Duration.ofSeconds(1));
      return super.run(spec, run);
    }
  }
}
