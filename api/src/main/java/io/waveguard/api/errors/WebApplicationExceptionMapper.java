package io.waveguard.api.errors;

import io.waveguard.api.dto.ErrorResponse;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Answers Jersey's own HTTP errors (no such path, wrong method, wrong content type) in the one JSON
 * error shape, keeping their status and headers.
 */
public final class WebApplicationExceptionMapper
    implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException e) {
    ApiException wrapped = ErrorResponses.apiCause(e);
    if (wrapped != null) {
      return ErrorResponses.of(wrapped);
    }
    Response original = e.getResponse();
    int status = original.getStatus();
    return Response.fromResponse(original)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorResponse(code(e, status), null, message(e, status)))
        .build();
  }

  private static String code(WebApplicationException e, int status) {
    if (e instanceof NotSupportedException) {
      return "unsupported_media_type";
    }
    if (status == 413) {
      return "payload_too_large";
    }
    return ErrorResponses.codeFor(status);
  }

  private static String message(WebApplicationException e, int status) {
    if (e instanceof NotSupportedException) {
      return "Content-Type must be application/json";
    }
    if (e instanceof NotFoundException) {
      return "no resource at this path";
    }
    if (e instanceof NotAllowedException) {
      return "method not allowed here; allowed: " + e.getResponse().getAllowedMethods();
    }
    if (e instanceof NotAcceptableException) {
      return "this API answers application/json only";
    }
    return e.getMessage() != null ? e.getMessage() : "HTTP " + status;
  }
}
