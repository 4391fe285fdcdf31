package io.waveguard.workflows.policy.gate.sequential;

import java.util.Map;
import java.util.Objects;

/**
 * A slice of the release the gate also tests on its own, so a fault confined to one region or
 * device model is not diluted by the rest: the whole release, one segment, or one label value.
 *
 * @param dimension {@code "all"}, {@code "segment"} or a label key
 * @param value the segment or label value; empty for the whole release
 */
public record Stratum(String dimension, String value) {

  public static final String ALL = "all";
  public static final String SEGMENT = "segment";

  public Stratum {
    Objects.requireNonNull(dimension, "dimension");
    value = value == null ? "" : value;
  }

  public static Stratum all() {
    return new Stratum(ALL, "");
  }

  public boolean isAll() {
    return ALL.equals(dimension);
  }

  /** "all", "segment=eu", "region=eu". */
  public String key() {
    return isAll() ? ALL : dimension + "=" + value;
  }

  boolean contains(String segment, Map<String, String> labels) {
    if (isAll()) {
      return true;
    }
    if (SEGMENT.equals(dimension)) {
      return value.equals(segment);
    }
    return value.equals(labels.get(dimension));
  }
}
