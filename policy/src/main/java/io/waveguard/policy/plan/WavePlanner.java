package io.waveguard.policy.plan;

import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.Target;
import java.util.List;

/**
 * Orders a release's targets into waves. Implementations are pure and deterministic: the same
 * inputs give the same plan, every target appears exactly once.
 */
public interface WavePlanner {

  /**
   * @param seed a per-release seed for strategies that shuffle (canary)
   * @param targets the targets the release selected, at least one
   */
  List<PlannedWave> plan(long seed, List<Target> targets, ReleasePolicy policy);
}
