package io.waveguard.api.bench;

import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.plan.TrustPlan;
import io.waveguard.policy.plan.TrustPlanParameters;
import io.waveguard.policy.plan.TrustWeightedPlanner;
import io.waveguard.policy.trust.TargetHistory;
import io.waveguard.policy.trust.TrustParameters;
import io.waveguard.policy.trust.TrustScore;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Times {@link TrustWeightedPlanner} on a seeded fleet over every tier (sizes 1–10, trust for about
 * nine in ten targets, the rest on the prior): five warm-ups, then the median of the timed runs.
 */
final class PlannerBench {

  private PlannerBench() {}

  /** The median seconds of one plan of {@code count} targets. */
  static double run(int count, int runs, PrintStream out) {
    List<Target> targets = fleet(count, 2026);
    Map<String, TrustScore> trust = trustFor(targets, 2027);
    TrustWeightedPlanner planner =
        new TrustWeightedPlanner(
            TrustPlanParameters.defaults(),
            TrustWeightedPlanner.noEvidence(TrustParameters.defaults()));
    // Warm-up lets the JIT compile the hot paths, so the timed runs measure steady state.
    for (int i = 0; i < 5; i++) {
      planner.plan(targets, trust);
    }
    double[] seconds = new double[runs];
    TrustPlan plan = null;
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      plan = planner.plan(targets, trust);
      seconds[i] = (System.nanoTime() - start) / 1e9;
    }
    out.printf(
        Locale.ROOT,
        "planner: %d targets into %d waves, %d runs: median %.3f s, min %.3f s, max %.3f s%n",
        count,
        plan.waves().size(),
        runs,
        Stats.median(seconds),
        Stats.min(seconds),
        Stats.max(seconds));
    return Stats.median(seconds);
  }

  private static List<Target> fleet(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Tier[] tiers = Tier.values();
    List<Target> targets = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Tier tier = tiers[random.nextInt(tiers.length)];
      targets.add(
          new Target("t-%06d".formatted(i), "svc", "eu", tier, 1 + random.nextInt(10), Map.of()));
    }
    return targets;
  }

  private static Map<String, TrustScore> trustFor(List<Target> targets, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, TrustScore> trust = new HashMap<>();
    for (Target target : targets) {
      if (random.nextInt(10) > 0) {
        double lowerBound = 0.5 + 0.49 * random.nextDouble();
        double evidence = random.nextInt(50);
        double mean = Math.min(1, lowerBound + 0.05);
        trust.put(
            target.id(),
            new TrustScore(
                mean,
                lowerBound,
                mean,
                null,
                evidence,
                1 + evidence * mean,
                1 + evidence * (1 - mean),
                TargetHistory.empty(0),
                null,
                TrustParameters.defaults()));
      }
    }
    return trust;
  }
}
