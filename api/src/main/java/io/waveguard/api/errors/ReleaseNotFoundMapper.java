package io.waveguard.api.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** 404 for a release that does not exist. */
public final class ReleaseNotFoundMapper implements ExceptionMapper<ReleaseNotFoundException> {

  @Override
  public Response toResponse(ReleaseNotFoundException e) {
    return ErrorResponses.of(404, "not_found", null, e.getMessage());
  }
}
