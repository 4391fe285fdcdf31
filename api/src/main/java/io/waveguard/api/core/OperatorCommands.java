package io.waveguard.api.core;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import io.waveguard.activities.db.AuditDao;
import io.waveguard.api.errors.ReleaseNotFoundException;
import io.waveguard.policy.model.OperatorAction;
import io.waveguard.policy.model.OperatorCommand;
import io.waveguard.workflows.release.ReleaseState;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends operator commands to releases as workflow Updates, whose validators refuse invalid
 * transitions, and writes every command with its outcome to the audit log.
 */
public final class OperatorCommands {

  private static final String ABORT_SIGNAL = "abortRequested";

  private final ReleaseService releases;
  private final AuditDao audit;
  private final ExecutorService updateWaits;
  private final Duration acceptTimeout;

  /**
   * @param updateWaits runs the bounded wait for a worker to accept an Update
   * @param acceptTimeout how long a command waits to be accepted before it is answered as queued
   */
  public OperatorCommands(
      ReleaseService releases,
      AuditDao audit,
      ExecutorService updateWaits,
      Duration acceptTimeout) {
    this.releases = releases;
    this.audit = audit;
    this.updateWaits = updateWaits;
    this.acceptTimeout = acceptTimeout;
  }

  /**
   * Applies the command and audits it.
   *
   * @throws ReleaseNotFoundException when no such release exists (nothing is audited then)
   */
  public CommandResult apply(String releaseId, OperatorAction action, OperatorCommand command) {
    CommandResult result = send(releaseId, action, command);
    audit.append(
        releaseId,
        action.wireName(),
        command.operator(),
        command.reason(),
        result.outcome().name(),
        result.detail());
    return result;
  }

  private CommandResult send(String releaseId, OperatorAction action, OperatorCommand command) {
    WorkflowStub stub = releases.stub(releaseId);
    try {
      return update(stub, action, command);
    } catch (WorkflowUpdateException e) {
      return CommandResult.rejected(rejectionReason(e));
    } catch (WorkflowNotFoundException | WorkflowServiceException e) {
      // Temporal answers an Update to a finished workflow as if it did not exist.
      if (!isFinished(releaseId)) {
        if (e instanceof WorkflowNotFoundException) {
          throw new ReleaseNotFoundException(releaseId);
        }
        throw e;
      }
      String status = releases.recordedStatus(releaseId).map(Enum::name).orElse("finished");
      return CommandResult.rejected(
          "%s rejected: release is already %s".formatted(action.wireName(), status));
    }
  }

  /**
   * Sends the Update and waits a bounded time for a worker to accept it: with no worker running,
   * Temporal would hold the HTTP request for a minute and more. An Update not accepted in time
   * stays with Temporal and is validated when a worker polls; an abort is also sent as a signal,
   * which Temporal stores durably, so it takes effect even if the pending Update is lost.
   */
  private CommandResult update(WorkflowStub stub, OperatorAction action, OperatorCommand command) {
    Future<WorkflowUpdateHandle<ReleaseState>> accepted =
        updateWaits.submit(
            () ->
                stub.startUpdate(
                    action.wireName(), WorkflowUpdateStage.ACCEPTED, ReleaseState.class, command));
    try {
      return CommandResult.accepted(
          accepted.get(acceptTimeout.toMillis(), TimeUnit.MILLISECONDS).getResult());
    } catch (TimeoutException e) {
      accepted.cancel(true);
      String waited =
          "no worker accepted %s within %d ms"
              .formatted(action.wireName(), acceptTimeout.toMillis());
      if (action == OperatorAction.ABORT) {
        stub.signal(ABORT_SIGNAL, command);
        return CommandResult.queued(
            waited + "; sent as signal %s, applied when a worker runs".formatted(ABORT_SIGNAL));
      }
      return CommandResult.queued(
          waited
              + "; Temporal holds it and the release validates it when a worker polls"
              + " (not durable across a Temporal restart: check the release before retrying)");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new IllegalStateException(action.wireName() + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + action.wireName(), e);
    }
  }

  private boolean isFinished(String releaseId) {
    try {
      return releases.stub(releaseId).describe().getStatus()
          != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }

  /** The validator's own words ("pause rejected: release is already paused"). */
  private static String rejectionReason(WorkflowUpdateException e) {
    Throwable cause = e.getCause();
    if (cause instanceof ApplicationFailure failure) {
      return failure.getOriginalMessage();
    }
    return cause == null ? e.getMessage() : cause.getMessage();
  }
}
