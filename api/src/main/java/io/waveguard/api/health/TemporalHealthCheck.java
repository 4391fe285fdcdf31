package io.waveguard.api.health;

import com.codahale.metrics.health.HealthCheck;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Healthy when the Temporal frontend answers GetSystemInfo within a short deadline. */
public final class TemporalHealthCheck extends HealthCheck {

  private final WorkflowServiceStubs stubs;
  private final Duration deadline;

  public TemporalHealthCheck(WorkflowServiceStubs stubs, Duration deadline) {
    this.stubs = stubs;
    this.deadline = deadline;
  }

  @Override
  protected Result check() {
    try {
      GetSystemInfoResponse info =
          stubs
              .blockingStub()
              .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
              .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      String version = info.getServerVersion();
      return Result.healthy("Temporal " + (version.isEmpty() ? "(version not reported)" : version));
    } catch (StatusRuntimeException e) {
      return Result.unhealthy("Temporal unreachable: " + e.getStatus());
    }
  }
}
