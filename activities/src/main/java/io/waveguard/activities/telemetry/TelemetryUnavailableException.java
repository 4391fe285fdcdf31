package io.waveguard.activities.telemetry;

/**
 * The telemetry backend could not be read (down, timed out, answered with an error or with data it
 * cannot parse). Retryable: the backend may come back; a gate that stays blind pauses the release.
 */
public class TelemetryUnavailableException extends RuntimeException {

  public TelemetryUnavailableException(String message) {
    super(message);
  }

  public TelemetryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
