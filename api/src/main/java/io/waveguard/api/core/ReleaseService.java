package io.waveguard.api.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.waveguard.activities.db.Database;
import io.waveguard.activities.db.ReleaseDao;
import io.waveguard.activities.db.ReleaseRow;
import io.waveguard.api.dto.PolicyView;
import io.waveguard.api.dto.ReleaseView;
import io.waveguard.api.errors.ReleaseConflictException;
import io.waveguard.api.errors.ReleaseNotFoundException;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.workflows.release.ReleaseRun;
import io.waveguard.workflows.release.ReleaseSearchAttributes;
import io.waveguard.workflows.release.ReleaseState;
import io.waveguard.workflows.release.ReleaseWorkflow;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts releases and reads their live state. A release is one workflow with the id {@code
 * release-<releaseId>}; starting is idempotent, so a client may retry a start safely.
 */
public final class ReleaseService {

  private static final Logger log = LoggerFactory.getLogger(ReleaseService.class);
  private static final String STATE_QUERY = "state";

  private final WorkflowClient client;
  private final String taskQueue;
  private final ReleaseDao releases;
  private final Duration queryTimeout;
  private final int maxHistoryEventsPerRun;

  /**
   * @param queryTimeout how long a state query waits for a worker before the read model answers
   * @param maxHistoryEventsPerRun past this many history events a release continues as new at its
   *     next wave boundary
   */
  public ReleaseService(
      WorkflowClient client,
      String taskQueue,
      ReleaseDao releases,
      Duration queryTimeout,
      int maxHistoryEventsPerRun) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.releases = releases;
    this.queryTimeout = queryTimeout;
    this.maxHistoryEventsPerRun = maxHistoryEventsPerRun;
  }

  /**
   * Starts the release, or finds the one already started with this id.
   *
   * <p>A first start is one Temporal call and one SQL statement: Temporal refuses a second workflow
   * with the id, so a start it accepts is this release's first and needs no read back. Only a
   * repeat reads the started input, to tell the same release from a different one.
   *
   * @return the release's state: {@code PLANNING} for a first start, else live when a worker
   *     answers in time
   * @throws ReleaseConflictException when the id names a release with a different spec
   */
  public ReleaseState start(ReleaseSpec spec) {
    ReleaseWorkflow workflow = client.newWorkflowStub(ReleaseWorkflow.class, optionsFor(spec));
    try {
      WorkflowClient.start(workflow::run, spec, ReleaseRun.first(maxHistoryEventsPerRun));
    } catch (WorkflowExecutionAlreadyStarted repeat) {
      return existing(spec);
    }
    // The workflow has not run a task yet, so a state query would only wait for the worker's first
    // one: the request thread answers at once instead.
    recordStart(spec);
    return ReleaseStates.planned(spec);
  }

  /** A start whose id Temporal already knows, running or ended: that release, if it is the same. */
  private ReleaseState existing(ReleaseSpec spec) {
    ReleaseSpec started = startedSpec(spec.workflowId());
    if (!sameRelease(started, spec)) {
      throw new ReleaseConflictException(
          ("release '%s' already exists as %s %s via %s%s;"
                  + " use a new releaseId for a different release")
              .formatted(
                  spec.releaseId(),
                  started.service(),
                  started.version(),
                  started.strategy().wireName(),
                  samePolicy(started, spec)
                      ? ""
                      : " with another effective policy (the request or the server's defaults"
                          + " changed since it started)"));
    }
    // A repeat of a start whose own row was never written (the first call failed after Temporal
    // accepted it) writes it now; the workflow records the release too.
    recordStart(spec);
    return stateOr(spec.releaseId(), () -> ReleaseStates.planned(spec));
  }

  /**
   * The release's live state from the workflow; when no worker answers within the query timeout,
   * the last snapshot of the read model.
   *
   * @throws ReleaseNotFoundException when no such release exists
   */
  public ReleaseState state(String releaseId) {
    return stateOr(releaseId, () -> null);
  }

  /**
   * The release's live state (as {@link #state}) with the policy it was started with: the
   * workflow's input, or the read model's copy of it once Temporal no longer has the history.
   */
  public ReleaseView view(String releaseId) {
    ReleaseState state = state(releaseId);
    return new ReleaseView(
        state,
        startedPolicy(releaseId).map(PolicyView::of).orElse(null),
        releases.find(releaseId).map(ReleaseRow::createdAt).orElse(null));
  }

  /** True when Temporal or the read model knows the release. */
  public boolean exists(String releaseId) {
    if (releases.find(releaseId).isPresent()) {
      return true;
    }
    try {
      stub(releaseId).describe();
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }

  /**
   * The service the release rolls out: from the read model, else from the workflow's input (a
   * release started a moment ago); empty when no such release exists.
   */
  public Optional<String> serviceOf(String releaseId) {
    Optional<ReleaseRow> row = releases.find(releaseId);
    if (row.isPresent()) {
      return Optional.of(row.get().service());
    }
    try {
      return Optional.of(startedSpec(ReleaseSpec.workflowIdFor(releaseId)).service());
    } catch (StatusRuntimeException e) {
      // Only "no such workflow" means no such release; Temporal failing is answered as such.
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The read model's status, when the workflow has reported one. */
  Optional<ReleaseStatus> recordedStatus(String releaseId) {
    return releases.find(releaseId).map(row -> ReleaseStatus.valueOf(row.status()));
  }

  WorkflowStub stub(String releaseId) {
    return client.newUntypedWorkflowStub(ReleaseSpec.workflowIdFor(releaseId));
  }

  private ReleaseState stateOr(String releaseId, Supplier<ReleaseState> early) {
    try {
      return query(releaseId);
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      if (code == Status.Code.NOT_FOUND) {
        throw new ReleaseNotFoundException(releaseId);
      }
      if (code == Status.Code.UNAVAILABLE) {
        throw e;
      }
      // Timed out or refused before the first workflow task (no worker answers), or the worker
      // could not run the query (a failing workflow task): the read model still knows something.
      if (code == Status.Code.DEADLINE_EXCEEDED || code == Status.Code.FAILED_PRECONDITION) {
        log.debug("no worker answered the state query of {}: {}", releaseId, e.getStatus());
      } else {
        log.warn("state query of release {} failed: {}", releaseId, e.getStatus());
      }
      ReleaseState fallback = releases.find(releaseId).map(ReleaseStates::fromRow).orElseGet(early);
      if (fallback == null) {
        throw e;
      }
      return fallback;
    }
  }

  /**
   * The "state" query, sent directly so it waits at most {@code queryTimeout}: the client's own
   * query call retries a timed-out query for up to a minute, too long for an HTTP answer.
   */
  private ReleaseState query(String releaseId) {
    QueryWorkflowRequest request =
        QueryWorkflowRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setExecution(
                WorkflowExecution.newBuilder().setWorkflowId(ReleaseSpec.workflowIdFor(releaseId)))
            .setQuery(WorkflowQuery.newBuilder().setQueryType(STATE_QUERY))
            .build();
    QueryWorkflowResponse response =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .withDeadlineAfter(queryTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .queryWorkflow(request);
    if (response.hasQueryRejected()) {
      throw new IllegalStateException(
          "state query rejected: workflow is " + response.getQueryRejected().getStatus());
    }
    return client
        .getOptions()
        .getDataConverter()
        .fromPayloads(
            0, Optional.of(response.getQueryResult()), ReleaseState.class, ReleaseState.class);
  }

  private WorkflowOptions optionsFor(ReleaseSpec spec) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(spec.workflowId())
        .setTaskQueue(taskQueue)
        // Temporal refuses a second workflow with the id, running or finished (a finished one is
        // never run again): the caller then answers the release that has it. A retry of the same
        // call (the SDK's, with the same request id) is answered as the start it repeats.
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(ReleaseSearchAttributes.SERVICE, spec.service())
                .set(ReleaseSearchAttributes.VERSION, spec.version())
                .set(ReleaseSearchAttributes.STRATEGY, spec.strategy().wireName())
                .set(ReleaseSearchAttributes.STATUS, ReleaseStatus.PLANNING.name())
                .set(ReleaseSearchAttributes.WAVE, 0L)
                .build())
        .setStaticSummary(ReleaseDescriptions.summary(spec))
        .setStaticDetails(ReleaseDescriptions.details(spec))
        .build();
  }

  /** The spec the release's workflow actually runs: the input of its first history event. */
  private ReleaseSpec startedSpec(String workflowId) {
    GetWorkflowExecutionHistoryRequest request =
        GetWorkflowExecutionHistoryRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
            .setMaximumPageSize(1)
            .build();
    HistoryEvent first =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .getWorkflowExecutionHistory(request)
            .getHistory()
            .getEvents(0);
    Payloads input = first.getWorkflowExecutionStartedEventAttributes().getInput();
    return client
        .getOptions()
        .getDataConverter()
        .fromPayloads(0, Optional.of(input), ReleaseSpec.class, ReleaseSpec.class);
  }

  private Optional<ReleasePolicy> startedPolicy(String releaseId) {
    try {
      return Optional.of(startedSpec(ReleaseSpec.workflowIdFor(releaseId)).policy());
    } catch (StatusRuntimeException e) {
      log.debug("history of release {} unreadable: {}", releaseId, e.getStatus());
      return releases.find(releaseId).flatMap(ReleaseService::recordedPolicy);
    }
  }

  private static Optional<ReleasePolicy> recordedPolicy(ReleaseRow row) {
    try {
      return Optional.of(Database.JSON.readValue(row.specJson(), ReleaseSpec.class).policy());
    } catch (JsonProcessingException | IllegalArgumentException e) {
      log.warn("read-model spec of release {} is unreadable", row.releaseId(), e);
      return Optional.empty();
    }
  }

  private static boolean samePolicy(ReleaseSpec a, ReleaseSpec b) {
    return a.policy().equals(b.policy());
  }

  /** Who asked does not make a different release: a retry by a colleague is the same one. */
  private static boolean sameRelease(ReleaseSpec a, ReleaseSpec b) {
    return withoutRequester(a).equals(withoutRequester(b));
  }

  private static ReleaseSpec withoutRequester(ReleaseSpec s) {
    return new ReleaseSpec(
        s.releaseId(), s.service(), s.version(), s.strategy(), s.selector(), s.policy(), null);
  }

  /**
   * Writes the read model's first row unless it exists, so the release lists at once. The workflow
   * records the release too, so a failure here only delays the list view.
   */
  private void recordStart(ReleaseSpec spec) {
    try {
      releases.insertIfAbsent(
          spec.releaseId(),
          spec.service(),
          spec.version(),
          spec.strategy().wireName(),
          Database.JSON.writeValueAsString(spec));
    } catch (JdbiException | JsonProcessingException e) {
      log.warn("release {} started but its read-model row was not written", spec.releaseId(), e);
    }
  }
}
