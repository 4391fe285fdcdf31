package io.waveguard.api.operatorcli;

/** The API answered with an error, or could not be reached: one line for the operator, exit 1. */
final class ApiFailure extends RuntimeException {

  private final int status;

  ApiFailure(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status, or 0 when no answer came. */
  int status() {
    return status;
  }
}
