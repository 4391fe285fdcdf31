package io.waveguard.api.core;

import io.waveguard.workflows.model.ReleasePolicy;
import io.waveguard.workflows.model.ReleaseSpec;
import io.waveguard.workflows.model.TargetSelector;
import io.waveguard.workflows.model.Tier;
import java.util.List;
import java.util.stream.Collectors;

/** The static summary and details a release shows in the Temporal Web UI. */
final class ReleaseDescriptions {

  private ReleaseDescriptions() {}

  static String summary(ReleaseSpec spec) {
    return "%s %s via %s".formatted(spec.service(), spec.version(), spec.strategy().wireName());
  }

  static String details(ReleaseSpec spec) {
    TargetSelector selector = spec.selector();
    ReleasePolicy policy = spec.policy();
    return """
        **Targets**
        - segments: %s
        - tiers: %s
        - labels: %s

        **Policy**
        - bake: %d s, up to %d extensions
        - first wave: %s %% of targets, growing x%s
        - gate: fail above %s x the controls' error rate, %d requests per cohort
        - approval needed for: %s
        """
        .formatted(
            orAll(selector.segments()),
            orAll(tiers(selector.tiers())),
            selector.labels().isEmpty() ? "any" : selector.labels(),
            policy.bakeSeconds(),
            policy.maxBakeExtensions(),
            policy.firstWavePercent(),
            policy.waveGrowthFactor(),
            policy.maxErrorRateRatio(),
            policy.minRequestsPerCohort(),
            policy.approvalTiers().isEmpty() ? "none" : tiers(policy.approvalTiers()));
  }

  private static List<String> tiers(List<Tier> tiers) {
    return tiers.stream().map(Tier::wireName).toList();
  }

  private static String orAll(List<String> values) {
    return values.isEmpty() ? "all" : values.stream().collect(Collectors.joining(", "));
  }
}
