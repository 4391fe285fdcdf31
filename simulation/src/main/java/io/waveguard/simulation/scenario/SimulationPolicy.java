package io.waveguard.simulation.scenario;

import io.waveguard.workflows.model.ReleasePolicy;
import io.waveguard.workflows.model.Tier;
import io.waveguard.workflows.policy.gate.GateParameters;
import io.waveguard.workflows.policy.gate.LatencyShiftParameters;
import io.waveguard.workflows.policy.gate.SprtParameters;
import io.waveguard.workflows.policy.plan.TrustPlanParameters;
import io.waveguard.workflows.policy.trust.HealthSlo;
import io.waveguard.workflows.policy.trust.TierWeights;
import io.waveguard.workflows.policy.trust.TrustParameters;
import java.util.EnumMap;
import java.util.Map;

/**
 * A scenario's policy overrides turned into the policy core's own parameter records, so the
 * simulator runs exactly the parameters a release would be given.
 *
 * @param trust the trust model before the prior is fitted to a seed's fleet
 */
public record SimulationPolicy(
    ReleasePolicy release,
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
            p.maxErrorRateRatio(),
            p.minRequestsPerCohort(),
            p.approvalTiers().stream()
                .map(t -> ScenarioValidator.tier(t, "approvalTiers"))
                .toList());
    return new SimulationPolicy(
        release,
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
        TierWeights.defaults(), thresholds, p.cumulativeImpactSteps(), p.minTargetsPerWave());
  }
}
