package io.waveguard.api.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** 409 for a start that reuses a release id with a different spec. */
public final class ReleaseConflictMapper implements ExceptionMapper<ReleaseConflictException> {

  @Override
  public Response toResponse(ReleaseConflictException e) {
    return ErrorResponses.of(409, "conflict", "releaseId", e.getMessage());
  }
}
