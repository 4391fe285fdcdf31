package io.waveguard.policy.plan;

import io.waveguard.policy.model.ReleasePolicy;
import java.util.ArrayList;
import java.util.List;

/** Cuts an ordered list of targets into waves of geometrically growing size. */
final class WaveSizing {

  private WaveSizing() {}

  /** Wave sizes that start at {@code first} and grow by the policy's factor, summing to total. */
  static List<Integer> geometric(int total, int first, ReleasePolicy policy) {
    List<Integer> sizes = new ArrayList<>();
    double next = Math.max(1, first);
    int placed = 0;
    while (placed < total) {
      int size = (int) Math.min(total - placed, Math.max(1, Math.round(next)));
      sizes.add(size);
      placed += size;
      next = size * Math.max(1.0, policy.waveGrowthFactor());
    }
    return sizes;
  }

  /** Wave sizes reaching the given cumulative percentages of the total (the last is 100). */
  static List<Integer> cumulativePercentages(int total, double[] percents) {
    List<Integer> sizes = new ArrayList<>();
    int placed = 0;
    for (double percent : percents) {
      int reach = (int) Math.min(total, Math.max(placed + 1, Math.ceil(total * percent / 100.0)));
      if (reach > placed) {
        sizes.add(reach - placed);
        placed = reach;
      }
    }
    if (placed < total) {
      sizes.add(total - placed);
    }
    return sizes;
  }

  static int firstWaveSize(int total, ReleasePolicy policy) {
    return (int) Math.max(1, Math.ceil(total * policy.firstWavePercent() / 100.0));
  }
}
