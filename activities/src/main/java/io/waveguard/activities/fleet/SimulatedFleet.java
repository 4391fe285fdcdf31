package io.waveguard.activities.fleet;

import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates a seeded fleet for demos and tests: tiers 40/40/15/5 %, three regions, heavy-tailed
 * (lognormal) sizes. The same service, count and seed always give the same fleet.
 */
public final class SimulatedFleet {

  /** Target shares per tier, in {@link Tier} order. */
  private static final double[] TIER_SHARES = {0.40, 0.40, 0.15, 0.05};

  private static final List<String> REGIONS = List.of("eu", "us", "ap");

  /** Spread of log(size): with 1.0 the largest of 1,000 targets is ~20x the median. */
  private static final double SIZE_SIGMA = 1.0;

  private SimulatedFleet() {}

  /**
   * @param count number of targets; with 4 or more every tier gets at least one
   */
  public static List<Target> generate(String service, int count, long seed) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, was " + count);
    }
    Random random = new Random(seed);
    List<Tier> tiers = tierMix(count);
    Collections.shuffle(tiers, random);
    int digits = Math.max(3, String.valueOf(count).length());
    List<Target> fleet = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String region = REGIONS.get(random.nextInt(REGIONS.size()));
      double size = Math.max(0.01, round3(Math.exp(SIZE_SIGMA * random.nextGaussian())));
      String id = "%s-cell-%0" + digits + "d";
      fleet.add(
          new Target(
              id.formatted(service, i + 1),
              service,
              region,
              tiers.get(i),
              size,
              Map.of("region", region)));
    }
    return List.copyOf(fleet);
  }

  /** Exactly {@code count} tiers in the target shares (largest remainder), unshuffled. */
  static List<Tier> tierMix(int count) {
    Tier[] all = Tier.values();
    int[] perTier = new int[all.length];
    int placed = 0;
    for (int t = 0; t < all.length; t++) {
      perTier[t] = (int) Math.floor(count * TIER_SHARES[t]);
      placed += perTier[t];
    }
    while (placed < count) {
      perTier[largestRemainder(count, perTier)]++;
      placed++;
    }
    if (count >= all.length) {
      // Small fleets would otherwise lose the rare tiers, and with them the interesting cases.
      for (int t = 0; t < all.length; t++) {
        if (perTier[t] == 0) {
          perTier[largest(perTier)]--;
          perTier[t]++;
        }
      }
    }
    List<Tier> mix = new ArrayList<>(count);
    for (int t = 0; t < all.length; t++) {
      mix.addAll(Collections.nCopies(perTier[t], all[t]));
    }
    return mix;
  }

  private static int largestRemainder(int count, int[] perTier) {
    int best = 0;
    double bestGap = -1;
    for (int t = 0; t < perTier.length; t++) {
      double gap = count * TIER_SHARES[t] - perTier[t];
      if (gap > bestGap + 1e-9) {
        best = t;
        bestGap = gap;
      }
    }
    return best;
  }

  private static int largest(int[] perTier) {
    int best = 0;
    for (int t = 1; t < perTier.length; t++) {
      if (perTier[t] > perTier[best]) {
        best = t;
      }
    }
    return best;
  }

  private static double round3(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
