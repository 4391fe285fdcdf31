package io.waveguard.api.core;

import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.policy.model.SequentialGatePolicy;
import io.waveguard.policy.model.TargetSelector;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.TierTolerances;
import java.util.Arrays;
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
        - first wave: %s %% of targets, growing x%s
        %s
        - approval needed for: %s
        """
        .formatted(
            orAll(selector.segments()),
            orAll(tiers(selector.tiers())),
            selector.labels().isEmpty() ? "any" : selector.labels(),
            policy.firstWavePercent(),
            policy.waveGrowthFactor(),
            policy.hasSequentialGate() ? sequentialGate(policy.sequentialGate()) : perWave(policy),
            policy.approvalTiers().isEmpty() ? "none" : tiers(policy.approvalTiers()));
  }

  private static String sequentialGate(SequentialGatePolicy gate) {
    return """
        - gate: one sequential test for the whole release, false-rollback budget alpha %s per \
        release; a wave enters a tier once the deployed/controls rate ratio is shown below its \
        tolerance (%s)
        - bake: adaptive, judged every %d s, at least %d s, at most %d s before pausing for a \
        human"""
        .formatted(
            Double.toString(gate.alpha()),
            tolerances(gate.tolerances()),
            gate.periodSeconds(),
            gate.minBakeSeconds(),
            gate.maxBakeSeconds());
  }

  private static String perWave(ReleasePolicy policy) {
    return """
        - gate: per wave, Wald's SPRT on errors and a latency shift test against the controls, \
        %d requests per cohort
        - bake: %d s, up to %d extensions when the gate keeps sampling"""
        .formatted(policy.minRequestsPerCohort(), policy.bakeSeconds(), policy.maxBakeExtensions());
  }

  private static String tolerances(TierTolerances tolerances) {
    return Arrays.stream(Tier.values())
        .map(t -> "%s %s".formatted(t.wireName(), Double.toString(tolerances.of(t))))
        .collect(Collectors.joining(", "));
  }

  private static List<String> tiers(List<Tier> tiers) {
    return tiers.stream().map(Tier::wireName).toList();
  }

  private static String orAll(List<String> values) {
    return values.isEmpty() ? "all" : values.stream().collect(Collectors.joining(", "));
  }
}
