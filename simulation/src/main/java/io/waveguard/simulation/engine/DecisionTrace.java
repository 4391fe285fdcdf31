package io.waveguard.simulation.engine;

import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.WaveSummary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The decisions a release took, in words both bodies can produce: the plan, deploys, gate verdicts
 * with their windows, re-plans with their holds, operator steps, rollbacks and the final status.
 * Two bodies agree when their traces are equal.
 */
public final class DecisionTrace {

  private final List<String> steps = Collections.synchronizedList(new ArrayList<>());
  private final boolean keep;

  public DecisionTrace() {
    this(true);
  }

  private DecisionTrace(boolean keep) {
    this.keep = keep;
  }

  /** A trace that records nothing, so untraced runs pay nothing for formatting. */
  public static DecisionTrace discarding() {
    return new DecisionTrace(false);
  }

  private void add(String step) {
    if (keep) {
      steps.add(step);
    }
  }

  public void planned(List<WaveSummary> waves) {
    if (!keep) {
      return;
    }
    add(
        "plan "
            + waves.stream()
                .map(w -> w.targetCount() + "x" + w.highestTier().wireName())
                .collect(Collectors.joining(" ")));
  }

  public void deployed(int wave) {
    add("deploy wave " + wave);
  }

  /** A gate over the wave's {@code windowPeriods} bake periods ending with {@code lastPeriod}. */
  public void gateEvaluated(int wave, int lastPeriod, int windowPeriods, GateResult result) {
    if (!keep) {
      return;
    }
    add(
        String.format(
            Locale.ROOT,
            "gate wave %d periods %d-%d: %s (deployed %d/%d, controls %d/%d)",
            wave,
            Math.max(0, lastPeriod - windowPeriods + 1),
            lastPeriod,
            result.verdict(),
            result.deployed().errors(),
            result.deployed().requests(),
            result.control().errors(),
            result.control().requests()));
  }

  public void replanned(int nextWave, List<WaveSummary> remaining, Optional<String> hold) {
    add(
        "replan before wave "
            + nextWave
            + ": "
            + remaining.size()
            + " waves, "
            + hold.map(h -> "hold (" + h + ")").orElse("go"));
  }

  public void resumed(int wave) {
    add("operator resume before wave " + wave);
  }

  public void approved(int wave, Tier tier) {
    add("operator approve " + tier.wireName() + " for wave " + wave);
  }

  public void rolledBack(int wave) {
    add("roll back wave " + wave);
  }

  public void finished(ReleaseStatus status) {
    add("finish " + status);
  }

  public List<String> steps() {
    synchronized (steps) {
      return List.copyOf(steps);
    }
  }

  @Override
  public String toString() {
    return String.join("\n", steps());
  }
}
