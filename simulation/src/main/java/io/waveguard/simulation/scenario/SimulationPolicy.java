package io.waveguard.simulation.scenario;

import io.waveguard.policy.gate.GateParameters;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.plan.TrustPlanParameters;
import io.waveguard.policy.settings.CorePolicy;
import io.waveguard.policy.settings.PolicySettings;
import io.waveguard.policy.trust.TrustParameters;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario's policy overrides turned into the policy core's own parameter records by the same
 * {@link io.waveguard.policy.settings.PolicyMapping} the server's configuration goes through, so
 * the simulator runs exactly the parameters a release would be given.
 *
 * @param release the per-wave policy: fixed bakes, a gate per wave (canary, waves, all-at-once)
 * @param sequentialRelease the same policy with the release-wide sequential gate
 * @param trust the trust model before the prior is fitted to a seed's fleet
 */
public record SimulationPolicy(
    ReleasePolicy release,
    ReleasePolicy sequentialRelease,
    GateParameters gate,
    TrustParameters trust,
    boolean fitPrior,
    TrustPlanParameters plan,
    long minEvidenceRequests) {

  public static SimulationPolicy from(PolicySpec p) {
    CorePolicy core = settings(p).toCore();
    return new SimulationPolicy(
        core.release(),
        core.sequentialRelease(),
        core.gate(),
        core.trust(),
        core.fitPrior(),
        core.plan(),
        core.release().minEvidenceRequests());
  }

  /** The scenario's policy section as the settings an operator could equally put in the server. */
  static PolicySettings settings(PolicySpec p) {
    GateSpec g = p.gate();
    SequentialGateSpec s = p.sequentialGate();
    TrustSpec t = p.trust();
    PlanSpec plan = p.plan();
    return new PolicySettings(
        new PolicySettings.Release(
            p.bakeSeconds(),
            p.maxBakeExtensions(),
            p.firstWavePercent(),
            p.waveGrowthFactor(),
            p.minRequestsPerCohort(),
            tiers(p.approvalTiers()),
            p.minEvidenceRequests(),
            null),
        new PolicySettings.Gate(
            g.alpha(),
            g.beta(),
            g.minRelativeEffect(),
            g.latencyAlpha(),
            g.latencyMinSamples(),
            g.latencyMinEffect()),
        new PolicySettings.SequentialGate(
            s.alpha(),
            s.entryAlpha(),
            byTier(s.tierTolerances(), "policy.sequentialGate.tierTolerances"),
            null,
            null,
            null,
            null,
            null,
            s.minStratumShare(),
            null,
            s.latencyExceedanceRatio(),
            null,
            s.periodSeconds(),
            s.minBakeSeconds(),
            s.maxBakeSeconds(),
            s.baselineSeconds()),
        new PolicySettings.Trust(
            t.halfLifeDays(),
            null,
            null,
            t.fitPrior(),
            t.healthWeight(),
            t.healthEvidence(),
            t.credibleQuantile(),
            null),
        new PolicySettings.Plan(
            null,
            byTier(plan.tierThresholds(), "policy.plan.tierThresholds"),
            plan.cumulativeImpactSteps(),
            plan.minTargetsPerWave(),
            plan.tierProbeShare()),
        null);
  }

  private static List<Tier> tiers(List<String> names) {
    return names.stream().map(t -> ScenarioValidator.tier(t, "policy.approvalTiers")).toList();
  }

  private static Map<Tier, Double> byTier(Map<String, Double> byName, String field) {
    Map<Tier, Double> byTier = new EnumMap<>(Tier.class);
    byName.forEach((name, value) -> byTier.put(ScenarioValidator.tier(name, field), value));
    return byTier;
  }
}
