package io.waveguard.workflows.policy;

import io.waveguard.workflows.model.Strategy;

/** Picks the planner for a release's strategy. */
public final class WavePlanners {

  private WavePlanners() {}

  public static WavePlanner forStrategy(Strategy strategy) {
    return switch (strategy) {
      case ALL_AT_ONCE -> new AllAtOncePlanner();
      case CANARY -> new CanaryPlanner();
      case WAVES -> new GrowingWavesPlanner();
      case TRUST_WEIGHTED -> new TierOrderedPlanner();
    };
  }
}
