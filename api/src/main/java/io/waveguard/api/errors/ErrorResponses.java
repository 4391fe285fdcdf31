package io.waveguard.api.errors;

import io.waveguard.api.dto.ErrorResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.eclipse.jetty.http.HttpStatus;

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

  /** The code of an HTTP error nothing more specific names: its reason phrase, "uri_too_long". */
  static String codeFor(int status) {
    Response.Status known = Response.Status.fromStatusCode(status);
    String phrase = known != null ? known.getReasonPhrase() : HttpStatus.getMessage(status);
    return phrase.toLowerCase(Locale.ROOT).replace(' ', '_').replace("-", "_");
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
