package io.waveguard.simulation.world;

import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.plan.PlannedWave;
import io.waveguard.simulation.engine.SimStrategy;
import io.waveguard.simulation.scenario.FaultSpec;
import io.waveguard.simulation.scenario.Scenario;
import io.waveguard.simulation.scenario.SimulationPolicy;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Everything one seed of a scenario shares across its releases and strategies: the fleet, its
 * trust, the policy, and plans that do not depend on the release (all but canary's).
 */
public final class SimulatedWorld {

  private static final long FAULTY = 21;
  private static final long SUSCEPTIBILITY = 22;

  private final Scenario scenario;
  private final SimulationPolicy policy;
  private final long seed;
  private final SimulatedFleet fleet;
  private final TrustBook trust;
  private final double[] trustScores;
  private final long minEvidenceRequests;
  private final Map<SimStrategy, List<PlannedWave>> fixedPlans = new ConcurrentHashMap<>();

  public SimulatedWorld(Scenario scenario, long seed) {
    this.scenario = scenario;
    this.policy = SimulationPolicy.from(scenario.policy());
    this.seed = seed;
    this.fleet = SimulatedFleet.generate(scenario.fleet(), scenario.history(), seed);
    this.trust =
        TrustBook.burnIn(
            fleet,
            scenario.history(),
            policy.trust(),
            policy.fitPrior(),
            seed,
            bakeMinutes(),
            scenario.fleet().latencyNoiseLogSd());
    this.trustScores = normalScoresOfTrust();
    // As the re-plan activity does: the gate's per-cohort minimum, unless the scenario says more.
    this.minEvidenceRequests =
        policy.minEvidenceRequests() > 0
            ? policy.minEvidenceRequests()
            : policy.release().minRequestsPerCohort();
  }

  /**
   * Normal scores of the targets' plan-time trust ranks: the Gaussian copula's trust coordinate, so
   * ρ is the correlation with the trust the planner actually sees.
   */
  private double[] normalScoresOfTrust() {
    int n = fleet.size();
    Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(
        order,
        Comparator.comparingDouble(
                (Integer i) -> trust.planTrust().get(fleet.target(i).id()).lowerBound())
            .thenComparing(i -> i));
    double[] z = new double[n];
    for (int rank = 0; rank < n; rank++) {
      z[order[rank]] = NormalQuantile.of((rank + 0.5) / n);
    }
    return z;
  }

  /**
   * Release {@code index} of this seed in the cell (rho, magnitude). Whether it is faulty and its
   * noise do not depend on the cell, so cells differ only by what they vary.
   */
  public ReleaseCase release(int index, double rho, double magnitude) {
    long releaseSeed = Rng.mix(seed, index);
    boolean faulty = Rng.at(releaseSeed, FAULTY).bernoulli(scenario.faultyFraction());
    boolean[] affected = new boolean[fleet.size()];
    FaultSpec fault = scenario.fault();
    if (faulty) {
      markAffected(affected, Rng.at(releaseSeed, SUSCEPTIBILITY), rho, fault);
    }
    return new ReleaseCase(
        releaseSeed,
        index,
        faulty,
        affected,
        faulty ? magnitude : 0,
        faulty ? fault.latencyShift() : 0,
        fault.onsetMinutes());
  }

  /** The most susceptible share of eligible targets, susceptibility = ρ·z_trust + √(1−ρ²)·ε. */
  private void markAffected(boolean[] affected, Rng rng, double rho, FaultSpec fault) {
    int n = fleet.size();
    double noise = Math.sqrt(Math.max(0, 1 - rho * rho));
    double[] susceptibility = new double[n];
    int eligible = 0;
    for (int i = 0; i < n; i++) {
      double z = rho * trustScores[i] + noise * rng.gaussian();
      susceptibility[i] = eligible(fleet.target(i), fault) ? z : Double.NEGATIVE_INFINITY;
      if (susceptibility[i] > Double.NEGATIVE_INFINITY) {
        eligible++;
      }
    }
    int count = (int) Math.ceil(fault.affectedFraction() * eligible);
    if (count == 0) {
      return; // the fault's tiers or labels match no target of this fleet
    }
    double[] sorted = susceptibility.clone();
    Arrays.sort(sorted);
    double threshold = sorted[n - count];
    for (int i = 0; i < n; i++) {
      affected[i] = susceptibility[i] >= threshold && susceptibility[i] > Double.NEGATIVE_INFINITY;
    }
  }

  private static boolean eligible(Target target, FaultSpec fault) {
    boolean tier =
        fault.tiers().isEmpty()
            || fault.tiers().stream()
                .anyMatch(t -> Tier.fromWireName(t).orElseThrow() == target.tier());
    boolean labels =
        fault.labels().entrySet().stream()
            .allMatch(e -> e.getValue().equals(target.labels().get(e.getKey())));
    return tier && labels;
  }

  /** The plan of a strategy whose order does not depend on the release, planned once. */
  public List<PlannedWave> fixedPlan(SimStrategy strategy) {
    return fixedPlans.computeIfAbsent(
        strategy,
        s ->
            s.planner(policy.plan(), trust.prior(), trust.planTrust())
                .plan(seed, fleet.targets(), policy.release()));
  }

  public Scenario scenario() {
    return scenario;
  }

  public SimulationPolicy policy() {
    return policy;
  }

  public long seed() {
    return seed;
  }

  public SimulatedFleet fleet() {
    return fleet;
  }

  public TrustBook trust() {
    return trust;
  }

  /** Requests the deployed cohort must have served before a higher tier is entered. */
  public long minEvidenceRequests() {
    return minEvidenceRequests;
  }

  public double bakeMinutes() {
    return scenario.policy().bakeSeconds() / 60.0;
  }
}
