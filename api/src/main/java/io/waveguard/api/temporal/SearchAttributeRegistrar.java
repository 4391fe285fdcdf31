package io.waveguard.api.temporal;

import io.dropwizard.lifecycle.Managed;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.waveguard.workflows.release.ReleaseSearchAttributes;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds Waveguard's custom search attributes to the namespace on start, so releases can start with
 * them and the Web UI can filter by service, version, status, strategy and wave.
 */
public final class SearchAttributeRegistrar implements Managed {

  private static final Logger log = LoggerFactory.getLogger(SearchAttributeRegistrar.class);

  private final WorkflowServiceStubs workflowStubs;
  private final String namespace;

  public SearchAttributeRegistrar(WorkflowServiceStubs workflowStubs, String namespace) {
    this.workflowStubs = workflowStubs;
    this.namespace = namespace;
  }

  @Override
  public void start() {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            // Same target, TLS and API key as the workflow client, on a short-lived channel.
            OperatorServiceStubsOptions.newBuilder(workflowStubs.getOptions()).build());
    try {
      for (SearchAttributeKey<?> key : ReleaseSearchAttributes.ALL) {
        register(operator, key);
      }
    } finally {
      operator.shutdown();
    }
  }

  /** One call per attribute: a cluster refuses the whole request if any one already exists. */
  private void register(OperatorServiceStubs operator, SearchAttributeKey<?> key) {
    AddSearchAttributesRequest request =
        AddSearchAttributesRequest.newBuilder()
            .setNamespace(namespace)
            .putSearchAttributes(key.getName(), key.getValueType())
            .build();
    try {
      operator.blockingStub().withDeadlineAfter(10, TimeUnit.SECONDS).addSearchAttributes(request);
      log.info("registered search attribute {} in namespace {}", key.getName(), namespace);
    } catch (StatusRuntimeException e) {
      if (alreadyExists(e)) {
        log.debug("search attribute {} already exists", key.getName());
      } else {
        // Not fatal here: the first release start will name the missing attribute clearly.
        log.warn(
            "could not register search attribute {} in namespace {}: {}",
            key.getName(),
            namespace,
            e.getStatus());
      }
    }
  }

  private static boolean alreadyExists(StatusRuntimeException e) {
    Status.Code code = e.getStatus().getCode();
    String description = String.valueOf(e.getStatus().getDescription()).toLowerCase();
    return code == Status.Code.ALREADY_EXISTS
        || (code == Status.Code.INVALID_ARGUMENT && description.contains("already"));
  }

  @Override
  public void stop() {}
}
