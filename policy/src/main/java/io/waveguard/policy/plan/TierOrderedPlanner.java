package io.waveguard.policy.plan;

import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lowest tier first, smallest targets first within a tier, waves growing geometrically and never
 * mixing tiers, so a critical tier is only entered after every less critical target took the
 * release. The trust engine refines this ordering with per-target risk.
 */
public final class TierOrderedPlanner implements WavePlanner {

  private static final Comparator<Target> ORDER =
      Comparator.comparing(Target::tier)
          .thenComparingDouble(Target::size)
          .thenComparing(Target::id);

  @Override
  public List<PlannedWave> plan(long seed, List<Target> targets, ReleasePolicy policy) {
    Map<Tier, List<Target>> byTier = new TreeMap<>();
    targets.stream()
        .sorted(ORDER)
        .forEach(t -> byTier.computeIfAbsent(t.tier(), k -> new ArrayList<>()).add(t));

    int total = targets.size();
    int nextSize = WaveSizing.firstWaveSize(total, policy);
    List<PlannedWave> waves = new ArrayList<>();
    for (Map.Entry<Tier, List<Target>> tier : byTier.entrySet()) {
      List<Target> members = tier.getValue();
      int from = 0;
      while (from < members.size()) {
        int size = Math.min(nextSize, members.size() - from);
        int index = waves.size() + 1;
        String reason =
            "tier %s (%d of %d in tier), lower tiers first"
                .formatted(tier.getKey().wireName(), size, members.size());
        waves.add(new PlannedWave(index, members.subList(from, from + size), reason));
        from += size;
        nextSize = (int) Math.max(1, Math.round(size * Math.max(1.0, policy.waveGrowthFactor())));
      }
    }
    return waves;
  }
}
