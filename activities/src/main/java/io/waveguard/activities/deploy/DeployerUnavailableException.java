package io.waveguard.activities.deploy;

/**
 * The deployer could not be reached or failed on its side (5xx, timeout, connection refused).
 * Retryable: the activity's retry policy tries again with backoff.
 */
public class DeployerUnavailableException extends RuntimeException {

  public DeployerUnavailableException(String message) {
    super(message);
  }

  public DeployerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
