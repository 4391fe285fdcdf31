package io.waveguard.simulatedfleet;

import io.waveguard.policy.model.Target;
import io.waveguard.simulation.scenario.FleetSpec;
import io.waveguard.simulation.scenario.Scenario;
import io.waveguard.simulation.scenario.ScenarioLoader;
import io.waveguard.simulation.world.SimulatedFleet;
import java.util.ArrayList;
import java.util.List;

/**
 * The experiment's fleet ({@link SimulatedFleet}, on the scenario defaults: tiers 40/40/15/5 %,
 * Pareto-tailed traffic, a region label) as deployment targets of one service, for the demo and the
 * tests. There is one fleet generator; this only names its targets for a service and states their
 * sizes in units of an average target instead of as shares of the whole fleet's traffic. The same
 * service, count and seed always give the same fleet.
 */
public final class FleetTargets {

  /** The label whose value is a target's segment (the defaults assign eu, us or apac). */
  static final String SEGMENT_LABEL = "region";

  private static final Scenario DEFAULTS = new ScenarioLoader().parse("{}", "scenario defaults");

  private FleetTargets() {}

  /**
   * @param count number of targets; tiers get exactly their share of it (largest remainders)
   */
  public static List<Target> generate(String service, int count, long seed) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, was " + count);
    }
    SimulatedFleet world = world(service, count, seed);
    int digits = Math.max(3, String.valueOf(count).length());
    String id = "%s-cell-%0" + digits + "d";
    List<Target> fleet = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Target simulated = world.target(i);
      String segment = simulated.labels().getOrDefault(SEGMENT_LABEL, simulated.segment());
      fleet.add(
          new Target(
              id.formatted(service, i + 1),
              service,
              segment,
              simulated.tier(),
              // A share of the fleet's traffic, scaled so the average target has size 1.
              round3(simulated.size() * count),
              simulated.labels()));
    }
    return List.copyOf(fleet);
  }

  /** The simulation's fleet these targets come from. */
  static SimulatedFleet world(String service, int count, long seed) {
    FleetSpec d = DEFAULTS.fleet();
    FleetSpec spec =
        new FleetSpec(
            count,
            service,
            d.tierMix(),
            d.requestsPerMinute(),
            d.trafficParetoShape(),
            d.baselineErrorRateMean(),
            d.baselineErrorRateShape(),
            d.latencyP99MedianMs(),
            d.latencyP99LogSd(),
            d.latencyNoiseLogSd(),
            d.latencyReportSeconds(),
            d.latencyTargetsPerCohort(),
            d.labels());
    return SimulatedFleet.generate(spec, DEFAULTS.history(), seed);
  }

  private static double round3(double value) {
    return Math.max(0.001, Math.round(value * 1000) / 1000.0);
  }
}
