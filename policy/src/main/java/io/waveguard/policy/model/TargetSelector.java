package io.waveguard.policy.model;

import java.util.List;
import java.util.Map;

/**
 * Narrows a release to part of a service's targets. Empty lists and maps select everything.
 *
 * @param segments only targets in one of these segments
 * @param tiers only targets of one of these tiers
 * @param labels only targets carrying every one of these labels with the same value
 */
public record TargetSelector(List<String> segments, List<Tier> tiers, Map<String, String> labels) {

  public TargetSelector {
    segments = segments == null ? List.of() : List.copyOf(segments);
    tiers = tiers == null ? List.of() : List.copyOf(tiers);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  public static TargetSelector all() {
    return new TargetSelector(List.of(), List.of(), Map.of());
  }

  public boolean matches(Target target) {
    return (segments.isEmpty() || segments.contains(target.segment()))
        && (tiers.isEmpty() || tiers.contains(target.tier()))
        && labels.entrySet().stream()
            .allMatch(e -> e.getValue().equals(target.labels().get(e.getKey())));
  }
}
