package io.waveguard.policy.gate.sequential;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Objects;

/**
 * A slice of the release the gate also tests on its own, so a fault confined to one region, device
 * model or tier (a payment-path bug) is not diluted by the rest: the whole release, one segment,
 * one tier, or one label value.
 *
 * @param dimension {@code "all"}, {@code "segment"}, {@code "tier"} or a label key
 * @param value the segment or label value; empty for the whole release
 */
public record Stratum(String dimension, String value) {

  public static final String ALL = "all";
  public static final String SEGMENT = "segment";
  public static final String TIER = "tier";

  public Stratum {
    Objects.requireNonNull(dimension, "dimension");
    value = value == null ? "" : value;
  }

  public static Stratum all() {
    return new Stratum(ALL, "");
  }

  @JsonIgnore // derived from the dimension; not a property of the stored evidence
  public boolean isAll() {
    return ALL.equals(dimension);
  }

  /** "all", "segment=eu", "region=eu". */
  public String key() {
    return isAll() ? ALL : dimension + "=" + value;
  }

  boolean contains(CohortCell cell) {
    return switch (dimension) {
      case ALL -> true;
      case SEGMENT -> value.equals(cell.segment());
      case TIER -> cell.tier() != null && value.equals(cell.tier().wireName());
      default -> value.equals(cell.labels().get(dimension));
    };
  }
}
