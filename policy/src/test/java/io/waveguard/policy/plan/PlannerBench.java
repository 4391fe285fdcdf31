package io.waveguard.policy.plan;

import io.waveguard.policy.model.Target;
import io.waveguard.policy.trust.TrustParameters;
import io.waveguard.policy.trust.TrustScore;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Times {@link TrustWeightedPlanner} on a seeded fleet and prints the figures; a program, not a
 * test, so timings never fail a build. Args: [targets] [iterations].
 */
public final class PlannerBench {

  private PlannerBench() {}

  public static void main(String[] args) {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    List<Target> targets = PlanFixtures.fleet(count, 2026);
    Map<String, TrustScore> trust = PlanFixtures.trustFor(targets, 2027);
    TrustWeightedPlanner planner =
        new TrustWeightedPlanner(
            TrustPlanParameters.defaults(),
            TrustWeightedPlanner.noEvidence(TrustParameters.defaults()));

    // Warm-up lets the JIT compile the hot paths, so the timed runs measure steady state.
    long checksum = 0;
    for (int i = 0; i < 5; i++) {
      checksum += planner.plan(targets, trust).waves().size();
    }
    double[] millis = new double[iterations];
    TrustPlan plan = null;
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      plan = planner.plan(targets, trust);
      millis[i] = (System.nanoTime() - start) / 1e6;
      checksum += plan.placements().size();
    }
    Arrays.sort(millis);
    System.out.printf(
        "targets=%d trust=%d iterations=%d waves=%d median=%.1f ms min=%.1f ms max=%.1f ms"
            + " (checksum %d)%n",
        count,
        trust.size(),
        iterations,
        plan.waves().size(),
        millis[iterations / 2],
        millis[0],
        millis[iterations - 1],
        checksum);
    plan.waves().forEach(w -> System.out.printf("  wave %d: %s%n", w.index(), w.reason()));
  }
}
