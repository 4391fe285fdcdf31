package io.waveguard.simulation.scenario;

import java.util.List;

/**
 * One experiment, as read from a scenario YAML file (simulation/README.md documents every field).
 * Every (rho, fault magnitude) pair is a cell; every cell runs every strategy on the same seeds.
 *
 * @param seeds independent fleets, each burned in on its own; the unit of the confidence intervals
 * @param releasesPerSeed releases simulated per seed, cell and strategy
 * @param faultyFraction share of releases that carry the fault
 * @param rhos correlations between a target's trust and its susceptibility to the fault
 * @param faultMagnitudes relative error-rate increases r of a faulty release on affected targets
 * @param strategies strategy names, see {@code SimStrategy}
 */
public record Scenario(
    String name,
    String description,
    int seeds,
    int releasesPerSeed,
    double faultyFraction,
    List<Double> rhos,
    List<Double> faultMagnitudes,
    List<String> strategies,
    FleetSpec fleet,
    HistorySpec history,
    FaultSpec fault,
    PolicySpec policy,
    OperatorSpec operator) {

  public Scenario {
    rhos = List.copyOf(rhos);
    faultMagnitudes = List.copyOf(faultMagnitudes);
    strategies = List.copyOf(strategies);
  }

  /** The same scenario with another number of seeds (the command's --seeds). */
  public Scenario withSeeds(int newSeeds) {
    return new Scenario(
        name,
        description,
        newSeeds,
        releasesPerSeed,
        faultyFraction,
        rhos,
        faultMagnitudes,
        strategies,
        fleet,
        history,
        fault,
        policy,
        operator);
  }

  /** The same scenario with another policy (the frontier sweep). */
  public Scenario withPolicy(PolicySpec newPolicy) {
    return new Scenario(
        name,
        description,
        seeds,
        releasesPerSeed,
        faultyFraction,
        rhos,
        faultMagnitudes,
        strategies,
        fleet,
        history,
        fault,
        newPolicy,
        operator);
  }

  /** The same scenario restricted to one cell, for benches and tests. */
  public Scenario withCell(double rho, double magnitude, int newReleasesPerSeed) {
    return new Scenario(
        name,
        description,
        seeds,
        newReleasesPerSeed,
        faultyFraction,
        List.of(rho),
        List.of(magnitude),
        strategies,
        fleet,
        history,
        fault,
        policy,
        operator);
  }
}
