package io.waveguard.api.errors;

/** A start named an existing release but asked for something different; nothing was started. */
public final class ReleaseConflictException extends RuntimeException {

  public ReleaseConflictException(String message) {
    super(message);
  }
}
