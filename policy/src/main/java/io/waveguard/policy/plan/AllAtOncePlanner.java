package io.waveguard.policy.plan;

import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.Target;
import java.util.Comparator;
import java.util.List;

/** Baseline: every target in a single wave. */
public final class AllAtOncePlanner implements WavePlanner {

  @Override
  public List<PlannedWave> plan(long seed, List<Target> targets, ReleasePolicy policy) {
    List<Target> ordered = targets.stream().sorted(Comparator.comparing(Target::id)).toList();
    return List.of(new PlannedWave(1, ordered, "all-at-once: every target in one wave"));
  }
}
