package io.waveguard.api.errors;

import io.waveguard.api.dto.ErrorResponse;

/** An error the API answers on purpose, in the one JSON error shape. */
public final class ApiException extends RuntimeException {

  private final int status;
  private final ErrorResponse body;

  public ApiException(int status, String error, String field, String message) {
    super(message);
    this.status = status;
    this.body = new ErrorResponse(error, field, message);
  }

  public static ApiException invalidField(String field, String message) {
    return new ApiException(400, "invalid_field", field, message);
  }

  /** A field that no longer exists; the message says what replaced it. */
  public static ApiException removedField(String field, String message) {
    return new ApiException(400, "removed_field", field, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "not_found", null, message);
  }

  public static ApiException conflict(String message) {
    return new ApiException(409, "conflict", null, message);
  }

  public static ApiException payloadTooLarge(long limitBytes) {
    return new ApiException(
        413,
        "payload_too_large",
        null,
        "request body exceeds the limit of %d bytes".formatted(limitBytes));
  }

  public int status() {
    return status;
  }

  public ErrorResponse body() {
    return body;
  }
}
