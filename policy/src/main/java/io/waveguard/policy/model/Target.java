package io.waveguard.policy.model;

import java.util.Map;

/**
 * A deployment target: a service cell, region, vehicle fleet or app cohort.
 *
 * @param size traffic share, users or devices; impact grows with it
 */
public record Target(
    String id, String service, String segment, Tier tier, double size, Map<String, String> labels) {

  public Target {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /** Harm a bad build does here: tier weight times size. */
  public double impact() {
    return tier.defaultWeight() * size;
  }
}
