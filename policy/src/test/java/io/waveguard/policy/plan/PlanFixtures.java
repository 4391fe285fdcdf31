package io.waveguard.policy.plan;

import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.trust.TargetHistory;
import io.waveguard.policy.trust.TrustParameters;
import io.waveguard.policy.trust.TrustScore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded fleets and trust scores for planner tests. */
final class PlanFixtures {

  private PlanFixtures() {}

  static Target target(String id, Tier tier, double size) {
    return new Target(id, "svc", "eu", tier, size, Map.of());
  }

  /** A score with a chosen lower bound and evidence; the other fields only need to be valid. */
  static TrustScore trust(double lowerBound, double evidence) {
    double mean = Math.min(1, lowerBound + 0.05);
    return new TrustScore(
        mean,
        lowerBound,
        mean,
        null,
        evidence,
        1 + evidence * mean,
        1 + evidence * (1 - mean),
        TargetHistory.empty(0),
        null,
        TrustParameters.defaults());
  }

  /** {@code count} targets over all tiers with sizes 1–10, in id order. */
  static List<Target> fleet(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Tier[] tiers = Tier.values();
    List<Target> targets = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Tier tier = tiers[random.nextInt(tiers.length)];
      targets.add(target("t-%06d".formatted(i), tier, 1 + random.nextInt(10)));
    }
    return targets;
  }

  /** Trust for about nine in ten targets (the rest fall back to the prior), mostly high. */
  static Map<String, TrustScore> trustFor(List<Target> targets, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, TrustScore> trust = new HashMap<>();
    for (Target target : targets) {
      if (random.nextInt(10) > 0) {
        double lowerBound = 0.5 + 0.49 * random.nextDouble();
        trust.put(target.id(), trust(lowerBound, random.nextInt(50)));
      }
    }
    return trust;
  }
}
