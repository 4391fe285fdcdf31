package io.waveguard.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowServiceException;
import io.waveguard.api.dto.ErrorResponse;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every gRPC status a Temporal call can fail with, including those no test server produces. */
class UnexpectedExceptionMapperTest {

  private final UnexpectedExceptionMapper mapper = new UnexpectedExceptionMapper();

  /** As the SDK throws it: its own exception around the gRPC one. */
  private static Throwable temporalFailure(Status.Code code) {
    return new WorkflowServiceException(
        WorkflowExecution.newBuilder().setWorkflowId("release-x").build(),
        "ReleaseWorkflow",
        Status.fromCode(code).asRuntimeException());
  }

  @ParameterizedTest
  @EnumSource(
      value = Status.Code.class,
      names = {"RESOURCE_EXHAUSTED", "UNAVAILABLE", "DEADLINE_EXCEEDED"})
  void transientStatusesAre503WithRetryAfter(Status.Code code) {
    Response answer = mapper.toResponse(temporalFailure(code));

    assertThat(answer.getStatus()).isEqualTo(503);
    assertThat(answer.getHeaderString("Retry-After")).isEqualTo("5");
  }

  @ParameterizedTest
  @EnumSource(
      value = Status.Code.class,
      names = {"PERMISSION_DENIED", "UNAUTHENTICATED"})
  void refusedCredentialsAre403(Status.Code code) {
    Response answer = mapper.toResponse(temporalFailure(code));

    assertThat(answer.getStatus()).isEqualTo(403);
    assertThat(((ErrorResponse) answer.getEntity()).error()).isEqualTo("temporal_access_denied");
  }

  @ParameterizedTest
  @EnumSource(
      value = Status.Code.class,
      names = {
        "RESOURCE_EXHAUSTED",
        "UNAVAILABLE",
        "DEADLINE_EXCEEDED",
        "PERMISSION_DENIED",
        "UNAUTHENTICATED"
      },
      mode = EnumSource.Mode.EXCLUDE)
  void everyOtherStatusIsA503WithTheJsonBody(Status.Code code) {
    Response answer = mapper.toResponse(new CompletionException(temporalFailure(code)));

    assertThat(answer.getStatus()).isEqualTo(503);
    assertThat(answer.getEntity()).isInstanceOf(ErrorResponse.class);
    assertThat(((ErrorResponse) answer.getEntity()).message()).contains(code.name());
  }

  @Test
  void aTemporalServiceFailureWithoutAStatusIsA503() {
    Response answer =
        mapper.toResponse(
            new WorkflowServiceException(
                WorkflowExecution.getDefaultInstance(), "ReleaseWorkflow", null));

    assertThat(answer.getStatus()).isEqualTo(503);
    assertThat(((ErrorResponse) answer.getEntity()).error()).isEqualTo("temporal_error");
  }

  @Test
  void aBugIsStillA500() {
    assertThat(mapper.toResponse(new IllegalStateException("a bug")).getStatus()).isEqualTo(500);
  }
}
