package io.waveguard.policy.settings;

import io.waveguard.policy.gate.GateParameters;
import io.waveguard.policy.gate.LatencyShiftParameters;
import io.waveguard.policy.gate.SprtParameters;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.SequentialGatePolicy;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.TierTolerances;
import io.waveguard.policy.plan.TrustPlanParameters;
import io.waveguard.policy.settings.InvalidSettingException.Section;
import io.waveguard.policy.trust.HealthSlo;
import io.waveguard.policy.trust.OutcomeAttribution;
import io.waveguard.policy.trust.TierWeights;
import io.waveguard.policy.trust.TrustParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one translation of {@link PolicySettings} into the policy core's parameter records: every
 * value left unset takes the core's default, and the core's own constructors judge the result. Both
 * the server's configuration and the simulator's scenarios come through here.
 */
public final class PolicyMapping {

  private PolicyMapping() {}

  /**
   * @throws InvalidSettingException naming the section and the field the core refuses
   */
  public static CorePolicy toCore(PolicySettings s) {
    return new CorePolicy(
        in(Section.RELEASE, () -> release(s.release())),
        in(Section.SEQUENTIAL_GATE, () -> sequentialGate(s.sequentialGate())),
        in(Section.GATE, () -> gate(s.gate())),
        in(Section.TRUST, () -> trust(s.trust())),
        or(s.trust().fitPrior(), true),
        in(Section.PLAN, () -> plan(s.plan())),
        in(Section.ATTRIBUTION, () -> attribution(s.attribution(), s.trust().slo())));
  }

  /**
   * Everything the core refuses in these settings, one problem per section at most, so a
   * configuration with several mistakes can be fixed in one go; empty when {@link #toCore}
   * succeeds.
   */
  public static List<InvalidSettingException> problems(PolicySettings s) {
    List<InvalidSettingException> found = new ArrayList<>();
    check(found, Section.RELEASE, () -> release(s.release()));
    check(found, Section.SEQUENTIAL_GATE, () -> sequentialGate(s.sequentialGate()));
    check(found, Section.GATE, () -> gate(s.gate()));
    check(found, Section.TRUST, () -> trust(s.trust()));
    check(found, Section.PLAN, () -> plan(s.plan()));
    check(found, Section.ATTRIBUTION, () -> attribution(s.attribution(), s.trust().slo()));
    return found;
  }

  private static void check(
      List<InvalidSettingException> found, Section section, Supplier<?> build) {
    try {
      in(section, build);
    } catch (InvalidSettingException refused) {
      found.add(refused);
    }
  }

  static ReleasePolicy release(PolicySettings.Release r) {
    ReleasePolicy d = ReleasePolicy.defaults();
    long bake = or(r.bakeSeconds(), d.bakeSeconds());
    int extensions = or(r.maxBakeExtensions(), d.maxBakeExtensions());
    double firstWave = or(r.firstWavePercent(), d.firstWavePercent());
    double growth = or(r.waveGrowthFactor(), d.waveGrowthFactor());
    long minRequests = or(r.minRequestsPerCohort(), d.minRequestsPerCohort());
    require(bake >= 1, "bakeSeconds must be >= 1");
    require(extensions >= 0, "maxBakeExtensions must be >= 0");
    require(firstWave > 0 && firstWave <= 100, "firstWavePercent must be in (0, 100]");
    require(growth >= 1 && Double.isFinite(growth), "waveGrowthFactor must be finite and >= 1");
    require(minRequests >= 0, "minRequestsPerCohort must be >= 0");
    return new ReleasePolicy(
        bake,
        extensions,
        firstWave,
        growth,
        minRequests,
        r.approvalTiers() == null ? d.approvalTiers() : r.approvalTiers(),
        null,
        null,
        d.whenTargetsHeld(),
        or(r.minEvidenceRequests(), d.minEvidenceRequests()),
        r.changeCalendar() == null || r.changeCalendar().isAlways() ? null : r.changeCalendar());
  }

  static SequentialGatePolicy sequentialGate(PolicySettings.SequentialGate g) {
    SequentialGatePolicy d = SequentialGatePolicy.defaults();
    TierTolerances t = d.tolerances();
    TierTolerances tolerances =
        new TierTolerances(
            g.tierTolerances().getOrDefault(Tier.LOW, t.low()),
            g.tierTolerances().getOrDefault(Tier.STANDARD, t.standard()),
            g.tierTolerances().getOrDefault(Tier.FINANCE_CRITICAL, t.financeCritical()),
            g.tierTolerances().getOrDefault(Tier.SAFETY_CRITICAL, t.safetyCritical()));
    return new SequentialGatePolicy(
        or(g.alpha(), d.alpha()),
        or(g.entryAlpha(), d.entryAlpha()),
        tolerances,
        or(g.errorsShare(), d.errorsShare()),
        or(g.latencyShare(), d.latencyShare()),
        or(g.crashesShare(), d.crashesShare()),
        or(g.availabilityShare(), d.availabilityShare()),
        or(g.overallStratumShare(), d.overallStratumShare()),
        or(g.minStratumShare(), d.minStratumShare()),
        or(g.maxStrata(), d.maxStrata()),
        or(g.latencyExceedanceRatio(), d.latencyExceedanceRatio()),
        or(g.maxSilentShare(), d.maxSilentShare()),
        or(g.periodSeconds(), d.periodSeconds()),
        or(g.minBakeSeconds(), d.minBakeSeconds()),
        or(g.maxBakeSeconds(), d.maxBakeSeconds()),
        or(g.baselineSeconds(), d.baselineSeconds()));
  }

  static GateParameters gate(PolicySettings.Gate g) {
    SprtParameters errors = SprtParameters.defaults();
    LatencyShiftParameters latency = LatencyShiftParameters.defaults();
    return new GateParameters(
        new SprtParameters(
            or(g.alpha(), errors.alpha()),
            or(g.beta(), errors.beta()),
            or(g.minRelativeEffect(), errors.minRelativeEffect())),
        new LatencyShiftParameters(
            or(g.latencyAlpha(), latency.alpha()),
            or(g.latencyMinSamples(), latency.minSamplesPerCohort()),
            or(g.latencyMinEffect(), latency.minEffect())));
  }

  static TrustParameters trust(PolicySettings.Trust t) {
    TrustParameters d = TrustParameters.defaults();
    double priorAlpha = or(t.priorAlpha(), d.priorAlpha());
    double priorBeta = or(t.priorBeta(), d.priorBeta());
    return new TrustParameters(
        or(t.halfLifeDays(), d.halfLifeDays()),
        priorAlpha,
        priorBeta,
        priorAlpha + priorBeta,
        or(t.healthWeight(), d.healthWeight()),
        or(t.healthEvidence(), d.healthEvidence()),
        or(t.credibleQuantile(), d.credibleQuantile()),
        slo(t.slo()));
  }

  static HealthSlo slo(PolicySettings.Slo s) {
    HealthSlo d = HealthSlo.defaults();
    return new HealthSlo(
        or(s.errorRatioAtZero(), d.errorRatioAtZero()),
        or(s.errorRateFloor(), d.errorRateFloor()),
        or(s.latencyRatioAtZero(), d.latencyRatioAtZero()),
        or(s.crashRateAtZero(), d.crashRateAtZero()),
        or(s.availabilityFloor(), d.availabilityFloor()),
        or(s.minSamples(), d.minSamples()),
        d.errorWeight(),
        d.latencyWeight(),
        d.crashWeight(),
        d.availabilityWeight());
  }

  static TrustPlanParameters plan(PolicySettings.Plan p) {
    TrustPlanParameters d = TrustPlanParameters.defaults();
    return new TrustPlanParameters(
        new TierWeights(p.tierWeights()),
        p.tierThresholds() == null ? d.tierThresholds() : p.tierThresholds(),
        p.cumulativeImpactSteps() == null ? d.cumulativeImpactSteps() : p.cumulativeImpactSteps(),
        or(p.minTargetsPerWave(), d.minTargetsPerWave()),
        or(p.tierProbeShare(), d.tierProbeShare()));
  }

  static OutcomeAttribution.Parameters attribution(
      PolicySettings.Attribution a, PolicySettings.Slo slo) {
    OutcomeAttribution.Parameters d = OutcomeAttribution.Parameters.defaults();
    long minRequests = or(a.minRequests(), d.minRequests());
    double significance = or(a.significance(), d.significance());
    double materialRatio = or(a.materialRatio(), d.materialRatio());
    require(minRequests >= 0, "minRequests must be >= 0");
    require(significance > 0 && significance < 1, "significance must be in (0, 1)");
    require(materialRatio > 0 && Double.isFinite(materialRatio), "materialRatio must be > 0");
    return new OutcomeAttribution.Parameters(
        minRequests,
        significance,
        materialRatio,
        or(slo.errorRateFloor(), HealthSlo.defaults().errorRateFloor()));
  }

  /** Runs one section's translation; whatever the core refuses is reported with the section. */
  private static <T> T in(Section section, Supplier<T> build) {
    try {
      return build.get();
    } catch (InvalidSettingException e) {
      throw e;
    } catch (IllegalArgumentException | NullPointerException refused) {
      throw new InvalidSettingException(section, String.valueOf(refused.getMessage()));
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  private static long or(Long value, long fallback) {
    return value == null ? fallback : value;
  }

  private static int or(Integer value, int fallback) {
    return value == null ? fallback : value;
  }

  private static double or(Double value, double fallback) {
    return value == null ? fallback : value;
  }

  private static boolean or(Boolean value, boolean fallback) {
    return value == null ? fallback : value;
  }
}
