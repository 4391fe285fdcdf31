package io.waveguard.api.dto;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** Which gate judges a release: one sequential test for all of it, or one SPRT per wave. */
public enum GateMode {
  /** One anytime-valid test over the whole release, with adaptive bakes (DESIGN §4). */
  SEQUENTIAL("sequential"),
  /** Wald's SPRT and the latency test after each wave's fixed bake, with bake extensions. */
  PER_WAVE("per-wave");

  private final String wireName;

  GateMode(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** Parses the wire name ("per-wave"), or empty when it names no mode. */
  public static Optional<GateMode> fromWireName(String name) {
    return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
  }

  @JsonCreator
  static GateMode fromJson(String name) {
    return fromWireName(name)
        .orElseThrow(() -> new IllegalArgumentException("unknown gate mode '" + name + "'"));
  }
}
