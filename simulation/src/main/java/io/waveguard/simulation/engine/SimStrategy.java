package io.waveguard.simulation.engine;

import io.waveguard.policy.model.Strategy;
import io.waveguard.policy.plan.TierOrderedPlanner;
import io.waveguard.policy.plan.TrustPlanParameters;
import io.waveguard.policy.plan.WavePlanner;
import io.waveguard.policy.plan.WavePlanners;
import io.waveguard.policy.trust.TrustScore;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The strategies the experiment compares: the four a release can ask for, plus two ablations that
 * reassemble the same policy-core parts differently. Each names its planner and whether the body
 * re-plans between waves.
 */
public enum SimStrategy {
  /** Every target in one wave. */
  ALL_AT_ONCE("all-at-once", Strategy.ALL_AT_ONCE, Replanning.NONE),
  /** 1/5/25/50/100 % of targets in a seeded random order. */
  CANARY("canary", Strategy.CANARY, Replanning.NONE),
  /** One target, then geometrically growing waves. */
  WAVES("waves", Strategy.WAVES, Replanning.NONE),
  /**
   * Risk order within tiers, re-ranked by fresh trust before every wave, tier-entry holds, the
   * sequential gate.
   */
  TRUST_WEIGHTED("trust-weighted", Strategy.TRUST_WEIGHTED, Replanning.RERANK_AND_HOLD),
  /** Ablation: tier order (smallest first within a tier), no trust, the sequential gate. */
  CRITICALITY_ONLY("criticality-only", null, Replanning.NONE),
  /** Ablation: canary's order with the trust-weighted tier-entry holds and the sequential gate. */
  GATES_ONLY("gates-only", null, Replanning.HOLD_ONLY),
  /** Ablation: canary's order and steps with the sequential gate: what the gate alone buys. */
  CANARY_SEQUENTIAL("canary-sequential", null, Replanning.NONE);

  /** What the body does with the machine's REPLAN command. */
  public enum Replanning {
    /** The machine never asks (it is built without re-planning). */
    NONE,
    /** Replanner.replan: re-rank the remaining waves and check the next tier entry. */
    RERANK_AND_HOLD,
    /** Replanner.tierEntryHold only: the order stays, tier thresholds still hold the release. */
    HOLD_ONLY
  }

  private final String wireName;
  private final Strategy releaseStrategy;
  private final Replanning replanning;

  SimStrategy(String wireName, Strategy releaseStrategy, Replanning replanning) {
    this.wireName = wireName;
    this.releaseStrategy = releaseStrategy;
    this.replanning = replanning;
  }

  public String wireName() {
    return wireName;
  }

  /** The release strategy a ReleaseWorkflow would run; empty for the ablations. */
  public Optional<Strategy> releaseStrategy() {
    return Optional.ofNullable(releaseStrategy);
  }

  public Replanning replanning() {
    return replanning;
  }

  /** Whether the plan depends on the release's seed (canary shuffles); others can be cached. */
  public boolean seedDependent() {
    return this == CANARY || this == GATES_ONLY || this == CANARY_SEQUENTIAL;
  }

  /**
   * Whether the release-wide sequential gate judges the waves. The baselines users would pick
   * instead (all-at-once, canary, waves) keep fixed bakes and a gate per step, as Argo Rollouts,
   * Flagger and Kayenta do.
   */
  public boolean sequentialGate() {
    return switch (this) {
      case ALL_AT_ONCE, CANARY, WAVES -> false;
      case TRUST_WEIGHTED, CRITICALITY_ONLY, GATES_ONLY, CANARY_SEQUENTIAL -> true;
    };
  }

  /** The policy core's planner for this strategy. */
  public WavePlanner planner(
      TrustPlanParameters parameters, TrustScore prior, Map<String, TrustScore> trust) {
    return switch (this) {
      case CRITICALITY_ONLY -> new TierOrderedPlanner();
      case GATES_ONLY, CANARY_SEQUENTIAL ->
          WavePlanners.forStrategy(Strategy.CANARY, parameters, prior, trust);
      default -> WavePlanners.forStrategy(releaseStrategy, parameters, prior, trust);
    };
  }

  public static Optional<SimStrategy> fromName(String name) {
    return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(SimStrategy::wireName).toList();
  }
}
