package io.waveguard.workflows.release;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import io.waveguard.policy.model.OperatorCommand;
import io.waveguard.policy.model.ReleaseSpec;

/**
 * One release, from plan to its final status. Operator commands are Updates whose validators reject
 * invalid transitions before anything is written to history.
 */
@WorkflowInterface
public interface ReleaseWorkflow {

  /**
   * @param run how this run starts: fresh, or carrying on from the run that continued as new; null
   *     (releases started before runs had one) is a first run with the defaults
   */
  @WorkflowMethod(name = "Release")
  ReleaseState run(ReleaseSpec spec, ReleaseRun run);

  @QueryMethod(name = "state")
  ReleaseState state();

  @UpdateMethod(name = "pause")
  ReleaseState pause(OperatorCommand command);

  @UpdateValidatorMethod(updateName = "pause")
  void validatePause(OperatorCommand command);

  @UpdateMethod(name = "resume")
  ReleaseState resume(OperatorCommand command);

  @UpdateValidatorMethod(updateName = "resume")
  void validateResume(OperatorCommand command);

  @UpdateMethod(name = "approve")
  ReleaseState approve(OperatorCommand command);

  @UpdateValidatorMethod(updateName = "approve")
  void validateApprove(OperatorCommand command);

  @UpdateMethod(name = "abort")
  ReleaseState abort(OperatorCommand command);

  @UpdateValidatorMethod(updateName = "abort")
  void validateAbort(OperatorCommand command);

  @UpdateMethod(name = "retry-rollback")
  ReleaseState retryRollback(OperatorCommand command);

  @UpdateValidatorMethod(updateName = "retry-rollback")
  void validateRetryRollback(OperatorCommand command);

  /** Abort without a worker: a signal is stored by the server and applied when a worker runs. */
  @SignalMethod(name = "abortRequested")
  void requestAbort(OperatorCommand command);
}
