package io.waveguard.policy.plan;

import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Baseline in the AWS style: one target first ("one-box"), then geometrically growing waves. */
public final class GrowingWavesPlanner implements WavePlanner {

  @Override
  public List<PlannedWave> plan(long seed, List<Target> targets, ReleasePolicy policy) {
    List<Target> ordered = targets.stream().sorted(Comparator.comparing(Target::id)).toList();
    List<Integer> sizes = WaveSizing.geometric(ordered.size(), 1, policy);
    List<PlannedWave> waves = new ArrayList<>();
    int from = 0;
    for (int size : sizes) {
      int index = waves.size() + 1;
      String reason =
          index == 1
              ? "waves: one-box wave of a single target"
              : String.format(
                  Locale.ROOT,
                  "waves: %d targets, %.1fx the previous wave",
                  size,
                  policy.waveGrowthFactor());
      waves.add(new PlannedWave(index, ordered.subList(from, from + size), reason));
      from += size;
    }
    return waves;
  }
}
