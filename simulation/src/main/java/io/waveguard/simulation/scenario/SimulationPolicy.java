package io.waveguard.simulation.scenario;

import io.waveguard.policy.gate.GateParameters;
import io.waveguard.policy.gate.LatencyShiftParameters;
import io.waveguard.policy.gate.SprtParameters;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.SequentialGatePolicy;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.TierTolerances;
import io.waveguard.policy.plan.TrustPlanParameters;
import io.waveguard.policy.trust.HealthSlo;
import io.waveguard.policy.trust.TierWeights;
import io.waveguard.policy.trust.TrustParameters;
import java.util.EnumMap;
import java.util.Map;

/**
 * A scenario's policy overrides turned into the policy core's own parameter records, so the
 * simulator runs exactly the parameters a release would be given.
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
    ReleasePolicy release =
        new ReleasePolicy(
            p.bakeSeconds(),
            p.maxBakeExtensions(),
            p.firstWavePercent(),
            p.waveGrowthFactor(),
            p.minRequestsPerCohort(),
            p.approvalTiers().stream()
                .map(t -> ScenarioValidator.tier(t, "approvalTiers"))
                .toList(),
            null,
            null);
    return new SimulationPolicy(
        release,
        release.withSequentialGate(sequentialGate(p.sequentialGate())),
        gateParameters(p.gate()),
        trustParameters(p.trust()),
        p.trust().fitPrior(),
        planParameters(p.plan()),
        p.minEvidenceRequests());
  }

  static GateParameters gateParameters(GateSpec g) {
    return new GateParameters(
        new SprtParameters(g.alpha(), g.beta(), g.minRelativeEffect()),
        new LatencyShiftParameters(g.latencyAlpha(), g.latencyMinSamples(), g.latencyMinEffect()));
  }

  /** The policy core's defaults with what the scenario sets. */
  static SequentialGatePolicy sequentialGate(SequentialGateSpec s) {
    SequentialGatePolicy d = SequentialGatePolicy.defaults();
    TierTolerances t = d.tolerances();
    Map<String, Double> set = s.tierTolerances();
    TierTolerances tolerances =
        new TierTolerances(
            set.getOrDefault(Tier.LOW.wireName(), t.low()),
            set.getOrDefault(Tier.STANDARD.wireName(), t.standard()),
            set.getOrDefault(Tier.FINANCE_CRITICAL.wireName(), t.financeCritical()),
            set.getOrDefault(Tier.SAFETY_CRITICAL.wireName(), t.safetyCritical()));
    set.keySet().forEach(name -> ScenarioValidator.tier(name, "sequentialGate.tierTolerances"));
    return new SequentialGatePolicy(
        s.alpha(),
        s.entryAlpha(),
        tolerances,
        d.errorsShare(),
        d.latencyShare(),
        d.crashesShare(),
        d.availabilityShare(),
        d.overallStratumShare(),
        s.minStratumShare(),
        d.maxStrata(),
        s.latencyExceedanceRatio(),
        d.maxSilentShare(),
        s.periodSeconds(),
        s.minBakeSeconds(),
        s.maxBakeSeconds(),
        s.baselineSeconds());
  }

  static TrustParameters trustParameters(TrustSpec t) {
    TrustParameters d = TrustParameters.defaults();
    return new TrustParameters(
        t.halfLifeDays(),
        d.priorAlpha(),
        d.priorBeta(),
        d.evidenceScale(),
        t.healthWeight(),
        t.healthEvidence(),
        t.credibleQuantile(),
        HealthSlo.defaults());
  }

  static TrustPlanParameters planParameters(PlanSpec p) {
    Map<Tier, Double> thresholds = new EnumMap<>(Tier.class);
    p.tierThresholds()
        .forEach((name, v) -> thresholds.put(ScenarioValidator.tier(name, "tierThresholds"), v));
    return new TrustPlanParameters(
        TierWeights.defaults(),
        thresholds,
        p.cumulativeImpactSteps(),
        p.minTargetsPerWave(),
        p.tierProbeShare());
  }
}
