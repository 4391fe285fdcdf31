package io.waveguard.policy.plan;

import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.Target;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Baseline: fixed cumulative percentages of the fleet, targets in a seeded random order. */
public final class CanaryPlanner implements WavePlanner {

  static final double[] DEFAULT_PERCENTS = {1, 5, 25, 50, 100};

  @Override
  public List<PlannedWave> plan(long seed, List<Target> targets, ReleasePolicy policy) {
    List<Target> ordered = new ArrayList<>(targets);
    ordered.sort(Comparator.comparing(Target::id));
    // A seeded shuffle: canaries land anywhere in the fleet, as percentage rollouts do.
    Collections.shuffle(ordered, new Random(seed));
    List<Integer> sizes = WaveSizing.cumulativePercentages(ordered.size(), DEFAULT_PERCENTS);
    List<PlannedWave> waves = new ArrayList<>();
    int from = 0;
    for (int size : sizes) {
      int index = waves.size() + 1;
      int reach = from + size;
      String reason =
          String.format(
              Locale.ROOT,
              "canary: random %d of %d targets (cumulative %.0f%%)",
              size,
              ordered.size(),
              100.0 * reach / ordered.size());
      waves.add(new PlannedWave(index, ordered.subList(from, reach), reason));
      from = reach;
    }
    return waves;
  }
}
