package io.waveguard.policy.model;

/** The commands an operator can give a running release. */
public enum OperatorAction {
  PAUSE,
  RESUME,
  APPROVE,
  ABORT,
  /** Re-drives a rollback that could not undo every target, once its cause is fixed. */
  RETRY_ROLLBACK;

  /** The name on the wire and in the audit log: {@code pause}, ..., {@code retry-rollback}. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** The action with the given {@link #wireName()}. */
  public static OperatorAction fromWireName(String wireName) {
    return valueOf(wireName.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
  }
}
