package io.waveguard.policy.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** How a release orders its targets into waves. All strategies share the same gates. */
public enum Strategy {
  /** Every target in one wave: the baseline with no protection but the final gate. */
  ALL_AT_ONCE("all-at-once"),
  /** Fixed cumulative percentages of targets (1/5/25/50/100) in a seeded order. */
  CANARY("canary"),
  /** One target first, then geometrically growing waves. */
  WAVES("waves"),
  /** Lowest-risk targets first; higher tiers only once the deployed cohort earned trust. */
  TRUST_WEIGHTED("trust-weighted");

  private final String wireName;

  Strategy(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** Whether fresh trust may reorder the rest of the plan between waves (trust-weighted only). */
  public boolean replansBetweenWaves() {
    return this == TRUST_WEIGHTED;
  }

  public static Optional<Strategy> fromWireName(String name) {
    return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
  }

  @JsonCreator
  static Strategy fromJson(String name) {
    return fromWireName(name)
        .orElseThrow(() -> new IllegalArgumentException("unknown strategy '" + name + "'"));
  }
}
