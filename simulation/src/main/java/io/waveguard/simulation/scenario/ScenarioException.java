package io.waveguard.simulation.scenario;

/** A scenario file that cannot be used; the message names the offending YAML field. */
public final class ScenarioException extends RuntimeException {

  public ScenarioException(String message) {
    super(message);
  }

  public ScenarioException(String message, Throwable cause) {
    super(message, cause);
  }
}
