package io.waveguard.simulatedfleet.telemetry;

import java.util.Locale;
import java.util.Map;

/**
 * How a version changes a simulated target's behaviour, so a demo can stage a bad release just by
 * naming it. By default a version whose name contains "faulty" multiplies errors by {@value
 * #DEFAULT_FAULTY_MULTIPLIER}, one containing "slow" multiplies p99 latency by {@value
 * #DEFAULT_SLOW_LATENCY_MULTIPLIER}, and one containing "silent" stops the targets running it from
 * reporting any telemetry at all.
 */
public final class FaultModel {

  static final double DEFAULT_FAULTY_MULTIPLIER = 10.0;
  static final double DEFAULT_SLOW_LATENCY_MULTIPLIER = 1.6;

  private final Map<String, Double> multipliers;

  /** Only the naming rule: "faulty" versions are 10x worse, every other version is healthy. */
  public FaultModel() {
    this(Map.of());
  }

  /**
   * @param multipliers error multiplier per exact version name; versions not listed fall back to
   *     the naming rule
   */
  public FaultModel(Map<String, Double> multipliers) {
    multipliers.forEach(
        (version, factor) -> {
          if (factor == null || factor < 0) {
            throw new IllegalArgumentException(
                "error multiplier of " + version + " must be >= 0, was " + factor);
          }
        });
    this.multipliers = Map.copyOf(multipliers);
  }

  /**
   * @param version the release version a target runs, or null for its baseline
   */
  public double errorMultiplier(String version) {
    if (version == null) {
      return 1.0;
    }
    Double configured = multipliers.get(version);
    if (configured != null) {
      return configured;
    }
    return version.toLowerCase(Locale.ROOT).contains("faulty") ? DEFAULT_FAULTY_MULTIPLIER : 1.0;
  }

  /** p99 latency multiplier of a version: "slow" versions are slower, all others as baseline. */
  public double latencyMultiplier(String version) {
    return named(version, "slow") ? DEFAULT_SLOW_LATENCY_MULTIPLIER : 1.0;
  }

  /** True when targets running the version report nothing (a broken agent, a dead exporter). */
  public boolean silences(String version) {
    return named(version, "silent");
  }

  private static boolean named(String version, String word) {
    return version != null && version.toLowerCase(Locale.ROOT).contains(word);
  }
}
