package io.waveguard.simulation.scenario;

import io.waveguard.policy.model.Tier;
import io.waveguard.policy.settings.InvalidSettingException;
import io.waveguard.simulation.engine.SimStrategy;
import java.util.List;
import java.util.Map;

/** Checks a bound scenario field by field; the first problem is reported with its YAML path. */
final class ScenarioValidator {

  private ScenarioValidator() {}

  static void validate(Scenario s) {
    require(s.seeds() >= 1, "seeds", "must be at least 1");
    require(s.releasesPerSeed() >= 1, "releasesPerSeed", "must be at least 1");
    require(fraction(s.faultyFraction()), "faultyFraction", "must be in [0, 1]");
    require(!s.rhos().isEmpty(), "rhos", "needs at least one value");
    for (int i = 0; i < s.rhos().size(); i++) {
      double rho = s.rhos().get(i);
      require(rho >= -1 && rho <= 1, "rhos[" + i + "]", "must be in [-1, 1]");
    }
    require(!s.faultMagnitudes().isEmpty(), "faultMagnitudes", "needs at least one value");
    for (int i = 0; i < s.faultMagnitudes().size(); i++) {
      double r = s.faultMagnitudes().get(i);
      require(r >= 0 && Double.isFinite(r), "faultMagnitudes[" + i + "]", "must be >= 0");
    }
    require(!s.strategies().isEmpty(), "strategies", "needs at least one strategy");
    for (int i = 0; i < s.strategies().size(); i++) {
      String name = s.strategies().get(i);
      require(
          SimStrategy.fromName(name).isPresent(),
          "strategies[" + i + "]",
          "unknown strategy '" + name + "'; known: " + SimStrategy.names());
    }
    fleet(s.fleet(), s.policy());
    history(s.history());
    fault(s);
    policy(s.policy());
    OperatorSpec o = s.operator();
    require(o.resumeAfterMinutes() >= 0, "operator.resumeAfterMinutes", "must be >= 0");
    require(o.approveAfterMinutes() >= 0, "operator.approveAfterMinutes", "must be >= 0");
    require(o.deployMinutesPerWave() >= 0, "operator.deployMinutesPerWave", "must be >= 0");
    require(o.rollbackMinutesPerWave() >= 0, "operator.rollbackMinutesPerWave", "must be >= 0");
  }

  private static void fleet(FleetSpec f, PolicySpec p) {
    require(f.targets() >= 2, "fleet.targets", "must be at least 2 (a wave and a control)");
    require(f.service() != null && !f.service().isBlank(), "fleet.service", "must be given");
    require(!f.tierMix().isEmpty(), "fleet.tierMix", "needs at least one tier");
    double sum = 0;
    for (Map.Entry<String, Double> e : f.tierMix().entrySet()) {
      tier(e.getKey(), "fleet.tierMix");
      require(e.getValue() != null && e.getValue() >= 0, "fleet.tierMix." + e.getKey(), ">= 0");
      sum += e.getValue();
    }
    require(Math.abs(sum - 1) < 1e-6, "fleet.tierMix", "shares must sum to 1, got " + sum);
    require(f.requestsPerMinute() > 0, "fleet.requestsPerMinute", "must be > 0");
    require(f.trafficParetoShape() > 1, "fleet.trafficParetoShape", "must be > 1 (finite mean)");
    require(
        f.baselineErrorRateMean() > 0 && f.baselineErrorRateMean() < 0.5,
        "fleet.baselineErrorRateMean",
        "must be in (0, 0.5)");
    require(f.baselineErrorRateShape() > 0, "fleet.baselineErrorRateShape", "must be > 0");
    require(f.latencyP99MedianMs() > 0, "fleet.latencyP99MedianMs", "must be > 0");
    require(f.latencyP99LogSd() >= 0, "fleet.latencyP99LogSd", "must be >= 0");
    require(f.latencyNoiseLogSd() >= 0, "fleet.latencyNoiseLogSd", "must be >= 0");
    require(
        f.latencyReportSeconds() > 0 && f.latencyReportSeconds() <= p.bakeSeconds(),
        "fleet.latencyReportSeconds",
        "must be in (0, policy.bakeSeconds]");
    require(f.latencyTargetsPerCohort() >= 0, "fleet.latencyTargetsPerCohort", "must be >= 0");
    f.labels()
        .forEach(
            (name, values) ->
                require(
                    values != null && !values.isEmpty(),
                    "fleet.labels." + name,
                    "needs at least one value"));
  }

  private static void history(HistorySpec h) {
    require(h.deployments() >= 0, "history.deployments", "must be >= 0");
    require(h.days() > 0, "history.days", "must be > 0");
    require(
        h.badProbabilityMean() > 0 && h.badProbabilityMean() < 1,
        "history.badProbabilityMean",
        "must be in (0, 1)");
    require(h.badProbabilityConcentration() > 0, "history.badProbabilityConcentration", "> 0");
  }

  private static void fault(Scenario s) {
    FaultSpec f = s.fault();
    require(
        f.affectedFraction() > 0 && f.affectedFraction() <= 1,
        "fault.affectedFraction",
        "must be in (0, 1]");
    for (int i = 0; i < f.tiers().size(); i++) {
      tier(f.tiers().get(i), "fault.tiers[" + i + "]");
    }
    require(f.onsetMinutes() >= 0, "fault.onsetMinutes", "must be >= 0");
    require(f.latencyShift() >= 0, "fault.latencyShift", "must be >= 0");
    boolean someEffect = f.latencyShift() > 0 || s.faultMagnitudes().stream().anyMatch(r -> r > 0);
    require(
        s.faultyFraction() == 0 || someEffect,
        "faultMagnitudes",
        "faulty releases need an error magnitude > 0 or fault.latencyShift > 0");
  }

  private static void policy(PolicySpec p) {
    require(p.bakeSeconds() >= 60, "policy.bakeSeconds", "must be at least 60");
    require(p.maxBakeExtensions() >= 0, "policy.maxBakeExtensions", "must be >= 0");
    require(
        p.firstWavePercent() > 0 && p.firstWavePercent() <= 100,
        "policy.firstWavePercent",
        "must be in (0, 100]");
    require(p.waveGrowthFactor() >= 1, "policy.waveGrowthFactor", "must be >= 1");
    require(p.minRequestsPerCohort() >= 0, "policy.minRequestsPerCohort", "must be >= 0");
    require(p.minEvidenceRequests() >= 0, "policy.minEvidenceRequests", "must be >= 0");
    for (int i = 0; i < p.approvalTiers().size(); i++) {
      tier(p.approvalTiers().get(i), "policy.approvalTiers[" + i + "]");
    }
    p.plan().tierThresholds().keySet().forEach(t -> tier(t, "policy.plan.tierThresholds"));
    p.sequentialGate()
        .tierTolerances()
        .keySet()
        .forEach(t -> tier(t, "policy.sequentialGate.tierTolerances"));
    core(p);
  }

  /** Lets the policy core's own checks speak, under the YAML path of the section they refuse. */
  private static void core(PolicySpec p) {
    try {
      SimulationPolicy.settings(p).toCore();
    } catch (InvalidSettingException e) {
      throw new ScenarioException("field '" + path(e.section()) + "': " + e.getMessage());
    }
  }

  private static String path(InvalidSettingException.Section section) {
    return switch (section) {
      case RELEASE, ATTRIBUTION -> "policy";
      case GATE -> "policy.gate";
      case SEQUENTIAL_GATE -> "policy.sequentialGate";
      case TRUST -> "policy.trust";
      case PLAN -> "policy.plan";
    };
  }

  static Tier tier(String name, String field) {
    return Tier.fromWireName(name)
        .orElseThrow(
            () ->
                new ScenarioException(
                    "field '"
                        + field
                        + "': unknown tier '"
                        + name
                        + "'; known: "
                        + List.of(Tier.values()).stream().map(Tier::wireName).toList()));
  }

  private static boolean fraction(double v) {
    return v >= 0 && v <= 1;
  }

  private static void require(boolean ok, String field, String problem) {
    if (!ok) {
      throw new ScenarioException("field '" + field + "': " + problem);
    }
  }
}
