package io.waveguard.policy.settings;

/**
 * A setting the policy core refuses: {@link #section()} says which part of {@link PolicySettings}
 * it is in, so the server and the simulator can name it by their own YAML paths; the message names
 * the field within the section and the rule it breaks.
 */
public final class InvalidSettingException extends IllegalArgumentException {

  /** The parts of {@link PolicySettings}. */
  public enum Section {
    /** {@link PolicySettings.Release}. */
    RELEASE,
    /** {@link PolicySettings.Gate}. */
    GATE,
    /** {@link PolicySettings.SequentialGate}. */
    SEQUENTIAL_GATE,
    /** {@link PolicySettings.Trust} and its SLO. */
    TRUST,
    /** {@link PolicySettings.Plan}. */
    PLAN,
    /** {@link PolicySettings.Attribution}. */
    ATTRIBUTION
  }

  private final Section section;

  public InvalidSettingException(Section section, String message) {
    super(message);
    this.section = section;
  }

  public Section section() {
    return section;
  }
}
