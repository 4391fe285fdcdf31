package io.waveguard.api.errors;

import io.waveguard.api.api.ErrorResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds error answers, and finds an {@link ApiException} that other layers wrapped. */
final class ErrorResponses {

  private ErrorResponses() {}

  static Response of(int status, String error, String field, String message) {
    return of(status, new ErrorResponse(error, field, message));
  }

  static Response of(int status, ErrorResponse body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }

  static Response of(ApiException e) {
    return of(e.status(), e.body());
  }

  /**
   * The body-size guard throws from inside the entity stream, so Jackson or Jersey may have wrapped
   * it by the time a mapper sees it.
   */
  static ApiException apiCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApiException api) {
        return api;
      }
    }
    return null;
  }
}
