package io.waveguard.policy.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** How much harm a bad build does on a target; higher tiers are deployed last. */
public enum Tier {
  /** Internal or low-traffic targets where a bad build is cheap. */
  LOW("low", 1),
  /** Ordinary customer-facing targets. */
  STANDARD("standard", 3),
  /** Targets that move money: a bad build costs customers and us. */
  FINANCE_CRITICAL("finance-critical", 10),
  /** Targets where a bad build can hurt people (vehicles, medical). */
  SAFETY_CRITICAL("safety-critical", 30);

  private final String wireName;
  private final double defaultWeight;

  Tier(String wireName, double defaultWeight) {
    this.wireName = wireName;
    this.defaultWeight = defaultWeight;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The impact multiplier used when configuration does not override it. */
  public double defaultWeight() {
    return defaultWeight;
  }

  /** Parses the wire name ("finance-critical"), or empty when it names no tier. */
  public static Optional<Tier> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }

  @JsonCreator
  static Tier fromJson(String name) {
    return fromWireName(name)
        .orElseThrow(() -> new IllegalArgumentException("unknown tier '" + name + "'"));
  }
}
