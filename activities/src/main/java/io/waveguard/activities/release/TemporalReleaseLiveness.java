package io.waveguard.activities.release;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.waveguard.workflows.model.ReleaseSpec;

/**
 * Asks Temporal whether the release's workflow is open. Any other answer than "running" (closed,
 * terminated, timed out, unknown) makes its holds stale; a Temporal that cannot be reached throws,
 * so a claim retries rather than take targets from a release that may still run.
 */
public final class TemporalReleaseLiveness implements ReleaseLiveness {

  private final WorkflowClient client;

  public TemporalReleaseLiveness(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public boolean isRunning(String releaseId) {
    try {
      return client
              .newUntypedWorkflowStub(ReleaseSpec.workflowIdFor(releaseId))
              .describe()
              .getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }
}
