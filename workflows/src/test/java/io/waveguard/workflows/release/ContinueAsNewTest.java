package io.waveguard.workflows.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.waveguard.policy.model.OperatorCommand;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Strategy;
import io.waveguard.policy.model.WaveStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A release of hundreds of one-target waves continues as new at wave boundaries: every run's
 * history stays bounded, the state carries across, and a pause around the boundary holds.
 */
class ContinueAsNewTest {

  /**
   * 500 targets; a growth factor below 1.5 makes every wave a single target, and 500 waves make
   * more history than one run may hold.
   */
  private static final int TARGETS_PER_TIER = 125;

  /** History events per run: well under the 10,000 the test holds every run to. */
  private static final int BUDGET = 2_000;

  private static final ReleasePolicy ONE_TARGET_WAVES =
      new ReleasePolicy(60, 0, 0.0, 1.2, 100, List.of(), null, null);

  private final InMemoryReleaseActivities.Fleet fleet =
      InMemoryReleaseActivities.Fleet.ofTiers(TARGETS_PER_TIER);
  private ReleaseTestEnvironment temporal;

  @AfterEach
  void close() {
    if (temporal != null) {
      temporal.close();
    }
  }

  @Test
  void aReleaseOf500WavesCompletesInRunsOfBoundedHistoryAndAPauseHoldsAcrossTheBoundary()
      throws Exception {
    temporal = new ReleaseTestEnvironment().start(new InMemoryReleaseActivities(fleet));
    ReleaseWorkflow release =
        temporal.startRelease(
            ReleaseTestEnvironment.spec("long", Strategy.WAVES, ONE_TARGET_WAVES),
            ReleaseRun.first(BUDGET));
    String firstRun = currentRunId();

    // Let the first run grow to just under its budget, then pause in the middle of a bake: the
    // pause lands in the last waves before the boundary (or, if the run got there first, in the
    // first wave after it) and must hold either way.
    for (int i = 0; currentRunId().equals(firstRun) && historyLength() < BUDGET - 20; i++) {
      assertThat(i).as("the first run never grew near its budget").isLessThan(1_000);
      temporal.env.sleep(Duration.ofMinutes(1));
    }
    String runAtPause = currentRunId();
    ReleaseState paused = release.pause(new OperatorCommand("alice", "change freeze at 17:00"));
    assertThat(paused.status()).isEqualTo(ReleaseStatus.PAUSED);
    int pausedAtWave = paused.currentWave();
    temporal.env.sleep(Duration.ofHours(2));

    ReleaseState held = release.state();
    assertThat(held.status()).isEqualTo(ReleaseStatus.PAUSED);
    assertThat(held.pauseReason()).isEqualTo("paused by alice: change freeze at 17:00");
    assertThat(held.waves().get(pausedAtWave).status()).isEqualTo(WaveStatus.PENDING);
    assertThat(fleet.deployCounts).hasSize(pausedAtWave);
    boolean heldAcrossTheBoundary = !currentRunId().equals(runAtPause);

    release.resume(new OperatorCommand("alice", "freeze lifted"));
    ReleaseState done =
        temporal.client().newUntypedWorkflowStub("release-long").getResult(ReleaseState.class);

    assertThat(done.status()).isEqualTo(ReleaseStatus.COMPLETED);
    assertThat(done.waveCount()).isEqualTo(4 * TARGETS_PER_TIER);
    assertThat(done.waves()).allMatch(w -> w.status() == WaveStatus.PASSED);
    assertThat(done.commands())
        .extracting(OperatorCommandRecord::reason)
        .containsExactly("change freeze at 17:00", "freeze lifted");
    assertThat(fleet.deployCounts)
        .hasSize(4 * TARGETS_PER_TIER)
        .allSatisfy((id, n) -> assertThat(n).isOne());

    List<WorkflowExecutionHistory> runs = runs(firstRun);
    assertThat(runs).hasSizeGreaterThanOrEqualTo(3);
    assertThat(runs.stream().mapToInt(r -> r.getEvents().size()).sum()).isGreaterThan(10_000);
    assertThat(runs).allSatisfy(run -> assertThat(run.getEvents().size()).isLessThan(10_000));
    // Each run's history replays on the current code, the continue-as-new included.
    for (WorkflowExecutionHistory run : runs) {
      WorkflowReplayer.replayWorkflowExecution(run, ReleaseWorkflowImpl.class);
    }
    System.out.printf(
        "continue-as-new: %d waves in %d runs of %s events; paused in wave %d, %s%n",
        done.waveCount(),
        runs.size(),
        runs.stream().map(r -> String.valueOf(r.getEvents().size())).toList(),
        pausedAtWave,
        heldAcrossTheBoundary ? "held across a boundary" : "held within one run");
  }

  private String currentRunId() {
    return describe(WorkflowExecution.newBuilder().setWorkflowId("release-long").build())
        .getWorkflowExecutionInfo()
        .getExecution()
        .getRunId();
  }

  private long historyLength() {
    return describe(WorkflowExecution.newBuilder().setWorkflowId("release-long").build())
        .getWorkflowExecutionInfo()
        .getHistoryLength();
  }

  private io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse describe(
      WorkflowExecution execution) {
    WorkflowClient client = temporal.client();
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(execution)
                .build());
  }

  /** Every run from the first, following each continue-as-new to the next. */
  private List<WorkflowExecutionHistory> runs(String firstRun) {
    List<WorkflowExecutionHistory> runs = new ArrayList<>();
    String runId = firstRun;
    while (runId != null) {
      WorkflowExecutionHistory history = temporal.client().fetchHistory("release-long", runId);
      runs.add(history);
      HistoryEvent last = history.getLastEvent();
      runId =
          last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
              ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
              : null;
    }
    return runs;
  }
}
