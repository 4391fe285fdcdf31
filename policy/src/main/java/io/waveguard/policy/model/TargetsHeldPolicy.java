package io.waveguard.policy.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a release does when another running release holds some of its targets (a target belongs to
 * at most one running release at a time).
 */
public enum TargetsHeldPolicy {
  /** Refuse the release: 409 at the door, FAILED if it loses the race in planning. */
  REFUSE("refuse"),
  /** Wait, durably, until the holder lets go of the targets; an abort ends the wait. */
  WAIT("wait");

  private final String wireName;

  TargetsHeldPolicy(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  public static Optional<TargetsHeldPolicy> fromWireName(String name) {
    return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
  }

  @JsonCreator
  static TargetsHeldPolicy fromJson(String name) {
    return fromWireName(name)
        .orElseThrow(() -> new IllegalArgumentException("unknown whenTargetsHeld '" + name + "'"));
  }
}
