package io.waveguard.policy.plan;

import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.WaveSummary;
import java.util.Comparator;
import java.util.List;

/** A wave as the planner produced it: its targets and why they were placed together. */
public record PlannedWave(int index, List<Target> targets, String reason) {

  public PlannedWave {
    targets = List.copyOf(targets);
  }

  public WaveSummary summary() {
    Tier highest = targets.stream().map(Target::tier).max(Comparator.naturalOrder()).orElseThrow();
    double impact = targets.stream().mapToDouble(Target::impact).sum();
    List<Tier> tiers = targets.stream().map(Target::tier).distinct().toList();
    return new WaveSummary(index, targets.size(), highest, impact, tiers);
  }
}
