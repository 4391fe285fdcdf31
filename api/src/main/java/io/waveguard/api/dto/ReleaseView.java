package io.waveguard.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.waveguard.workflows.release.ReleaseState;
import java.time.Instant;

/**
 * A release as GET /api/v1/releases/{id} and a start answer it: its live state, and the policy it
 * runs under as resolved when it started.
 *
 * @param createdAt when the read model first recorded the release (as in the list); absent until it
 *     has, so a watcher can show how long the release has been running
 */
public record ReleaseView(
    @JsonUnwrapped ReleaseState state,
    PolicyView policy,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant createdAt) {

  public ReleaseView(ReleaseState state, PolicyView policy) {
    this(state, policy, null);
  }
}
