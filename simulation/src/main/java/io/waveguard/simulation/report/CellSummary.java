package io.waveguard.simulation.report;

import java.util.List;

/** The aggregated figures of one cell (scenario, rho, fault magnitude). */
public record CellSummary(
    String scenario,
    double rho,
    double faultMagnitude,
    int seeds,
    int releasesPerSeed,
    List<StrategySummary> strategies,
    OracleSummary oracle) {

  public CellSummary {
    strategies = List.copyOf(strategies);
  }

  /**
   * The oracle floor over faulty releases: exposure shares of the cheapest traffic that carries
   * Wald's A/KL requests, and that request count (median over releases).
   */
  public record OracleSummary(
      Estimate highTierExposure, Estimate totalExposure, double requestsNeeded) {}
}
