package io.waveguard.api.errors;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowServiceException;
import io.waveguard.api.dto.ErrorResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a Temporal call that failed in a way no resource handles. The fault is never the caller's
 * request, so it is never a 4xx about the request, and never a 500 either: Temporal is overloaded
 * or unreachable (503, retry after a few seconds), refuses this server's credentials (403, until an
 * operator fixes them) or failed otherwise (503).
 */
final class TemporalFailures {

  /** Temporal's own clients back off about this long when it sheds load. */
  static final int RETRY_AFTER_SECONDS = 5;

  private static final Logger log = LoggerFactory.getLogger(TemporalFailures.class);

  private TemporalFailures() {}

  /** The answer when a Temporal failure is behind {@code e}; null otherwise. */
  static Response answer(Throwable e) {
    Status.Code code = grpcCode(e);
    if (code == null) {
      if (!isTemporalServiceFailure(e)) {
        return null;
      }
      log.warn("Temporal call failed: {}", e.toString());
      return of(503, "temporal_error", "Temporal could not answer; retry later", false);
    }
    log.warn("Temporal call failed with {}: {}", code, e.toString());
    return switch (code) {
      case RESOURCE_EXHAUSTED ->
          of(
              503,
              "temporal_overloaded",
              "Temporal is overloaded (RESOURCE_EXHAUSTED); retry later",
              true);
      case UNAVAILABLE, DEADLINE_EXCEEDED ->
          of(
              503,
              "temporal_unavailable",
              "Temporal cannot be reached (%s); retry later".formatted(code),
              true);
      case PERMISSION_DENIED, UNAUTHENTICATED ->
          of(
              403,
              "temporal_access_denied",
              ("Temporal refused this server's credentials (%s); retrying will not help until an"
                      + " operator fixes its Temporal access")
                  .formatted(code),
              false);
      default -> of(503, "temporal_error", "Temporal failed the call (%s)".formatted(code), false);
    };
  }

  private static Response of(int status, String error, String message, boolean retryAfter) {
    Response.ResponseBuilder answer =
        Response.status(status)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(new ErrorResponse(error, null, message));
    if (retryAfter) {
      answer.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
    return answer.build();
  }

  /** The status of the first gRPC failure in the chain; the SDK wraps it in its own exceptions. */
  private static Status.Code grpcCode(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException grpc) {
        return grpc.getStatus().getCode();
      }
      if (t instanceof StatusException grpc) {
        return grpc.getStatus().getCode();
      }
    }
    return null;
  }

  private static boolean isTemporalServiceFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof WorkflowServiceException) {
        return true;
      }
    }
    return false;
  }
}
