package io.waveguard.policy.model;

/**
 * Everything a release needs to run, as accepted by the API. It is the workflow's input, so new
 * fields must be optional to keep running releases readable.
 */
public record ReleaseSpec(
    String releaseId,
    String service,
    String version,
    Strategy strategy,
    TargetSelector selector,
    ReleasePolicy policy,
    String requestedBy) {

  public ReleaseSpec {
    selector = selector == null ? TargetSelector.all() : selector;
    policy = policy == null ? ReleasePolicy.defaults() : policy;
  }

  public String workflowId() {
    return workflowIdFor(releaseId);
  }

  public static String workflowIdFor(String releaseId) {
    return "release-" + releaseId;
  }
}
