package io.waveguard.activities.release;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.workflows.release.ReleaseSearchAttributes;
import java.util.Arrays;

/**
 * Asks Temporal whether the release still runs: its workflow is open and the status it last
 * published is not final. A release that reached its final status (its rollback, if any, is over)
 * only has bookkeeping left before it lets go, so the next release need not wait for that. Any
 * closed workflow (terminated, timed out) or unknown one makes its holds stale; a Temporal that
 * cannot be reached throws, so a claim retries rather than take targets from a running release.
 */
public final class TemporalReleaseLiveness implements ReleaseLiveness {

  private final WorkflowClient client;

  public TemporalReleaseLiveness(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public boolean isRunning(String releaseId) {
    WorkflowExecutionMetadata workflow;
    try {
      workflow = client.newUntypedWorkflowStub(ReleaseSpec.workflowIdFor(releaseId)).describe();
    } catch (WorkflowNotFoundException e) {
      return false;
    }
    if (workflow.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return false;
    }
    String status = workflow.getTypedSearchAttributes().get(ReleaseSearchAttributes.STATUS);
    return status == null || !isFinal(status);
  }

  private static boolean isFinal(String status) {
    return Arrays.stream(ReleaseStatus.values())
        .anyMatch(s -> s.isFinal() && s.name().equals(status));
  }
}
