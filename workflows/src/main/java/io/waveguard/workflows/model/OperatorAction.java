package io.waveguard.workflows.model;

/** The commands an operator can give a running release. */
public enum OperatorAction {
  PAUSE,
  RESUME,
  APPROVE,
  ABORT;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
