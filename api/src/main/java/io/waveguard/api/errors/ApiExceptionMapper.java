package io.waveguard.api.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Answers errors raised on purpose by resources and filters. */
public final class ApiExceptionMapper implements ExceptionMapper<ApiException> {

  @Override
  public Response toResponse(ApiException e) {
    return ErrorResponses.of(e);
  }
}
