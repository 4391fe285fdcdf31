package io.waveguard.policy.plan;

import java.util.List;

/**
 * A trust-weighted plan: the waves, plus one placement per target in plan order.
 *
 * @param waves the waves in deployment order, indexed from 1
 * @param placements one per target, in the order the targets are deployed
 */
public record TrustPlan(List<PlannedWave> waves, List<Placement> placements) {

  public TrustPlan {
    waves = List.copyOf(waves);
    placements = List.copyOf(placements);
  }
}
