package io.waveguard.activities.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Tier;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The release metrics activities record, in Micrometer's registry (the composition root chooses
 * what scrapes or pushes it). Labels are bounded sets (verdicts, tiers, statuses): a release id is
 * never a label, so the number of series does not grow with the number of releases.
 */
public final class ReleaseMetrics {

  /** Wave durations from seconds (tests, the demo) to a day of bakes. */
  private static final Duration[] WAVE_BUCKETS = {
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofMinutes(1),
    Duration.ofMinutes(2),
    Duration.ofMinutes(5),
    Duration.ofMinutes(10),
    Duration.ofMinutes(30),
    Duration.ofHours(1),
    Duration.ofHours(2),
    Duration.ofHours(6),
    Duration.ofHours(12),
    Duration.ofHours(24)
  };

  /**
   * Weight of evidence in decibans (10·log10 of a likelihood ratio; 1 nat ≈ 4.34 dB): 1/α is 20 dB
   * at α = 1 %, 30 dB at 0.1 %, so the tail ends past both. Whole units, because Micrometer's
   * distribution summaries count into their buckets in whole units only.
   */
  private static final double[] DISTANCE_BUCKETS = {1, 2, 3, 5, 7, 10, 15, 20, 25, 30, 40, 60};

  /** Trust in percent, for the same reason. */
  private static final double[] TRUST_BUCKETS = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};

  private static final double DECIBANS_PER_NAT = 10 / Math.log(10);

  private final MeterRegistry registry;
  private final Map<Tier, DistributionSummary> trustByTier = new ConcurrentHashMap<>();

  public ReleaseMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Records nothing: for tests and tools that run activities without a registry. */
  public static ReleaseMetrics none() {
    return new ReleaseMetrics(new CompositeMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  /**
   * One gate verdict.
   *
   * @param gate {@code sequential} or {@code per-wave}
   * @param tier the tier the verdict lets in (sequential) or the wave's highest tier; null: unknown
   */
  public void gateVerdict(String gate, GateVerdict verdict, Tier tier) {
    Counter.builder("waveguard.gate.verdicts")
        .description("Gate verdicts, by gate, verdict and the tier they are for")
        .tag("gate", gate)
        .tag("verdict", lower(verdict.name()))
        .tag("tier", tier == null ? "unknown" : tier.wireName())
        .register(registry)
        .increment();
  }

  /**
   * How far a running release's sequential gate is from a decision after a period: the log-evidence
   * still missing to roll back and to let a wave of {@code tier} in.
   */
  public void gateDistance(Tier tier, double rollback, double entry) {
    distance("waveguard.gate.rollback.distance", "rollback boundary", tier, rollback);
    distance("waveguard.gate.entry.distance", "entry tier's tolerance", tier, entry);
  }

  private void distance(String name, String what, Tier tier, double value) {
    if (!Double.isFinite(value)) {
      return;
    }
    DistributionSummary.builder(name)
        .description("Evidence still missing to reach the " + what + ", per gate period")
        .baseUnit("decibans")
        .serviceLevelObjectives(DISTANCE_BUCKETS)
        .tag("tier", tier == null ? "unknown" : tier.wireName())
        .register(registry)
        .record(value * DECIBANS_PER_NAT);
  }

  /**
   * A wave's end: from its first confirmed deploy to the gate period that passed or failed it.
   *
   * @param outcome {@code passed} or {@code failed}
   */
  public void waveFinished(String outcome, Duration duration) {
    if (duration.isNegative()) {
      return;
    }
    Timer.builder("waveguard.wave.duration")
        .description("From a wave's first deploy to the gate verdict that ended it")
        .serviceLevelObjectives(WAVE_BUCKETS)
        .tag("outcome", outcome)
        .register(registry)
        .record(duration);
  }

  /** A release was planned: its plan was stored for the first time. */
  public void releaseStarted(String strategy) {
    Counter.builder("waveguard.releases.started")
        .description("Releases planned and started, by strategy")
        .tag("strategy", strategy)
        .register(registry)
        .increment();
  }

  /** A release reached a final status. */
  public void releaseFinished(ReleaseStatus status) {
    Counter.builder("waveguard.releases.finished")
        .description("Releases that reached a final status")
        .tag("status", lower(status.name()))
        .register(registry)
        .increment();
  }

  /** A wave's rollback finished (every target of it off the release's build). */
  public void waveRolledBack(int targets) {
    Counter.builder("waveguard.rollbacks")
        .description("Waves rolled back")
        .register(registry)
        .increment();
    Counter.builder("waveguard.rollback.targets")
        .description("Targets rolled back")
        .register(registry)
        .increment(targets);
  }

  /** A target's trust (lower credible bound, 0 to 1) as a snapshot recorded it. */
  public void trust(Tier tier, double lowerBound) {
    // Registered once per tier: a computation records one value per target, 100,000 at a time.
    trustByTier
        .computeIfAbsent(
            tier,
            t ->
                DistributionSummary.builder("waveguard.trust")
                    .description("Trust snapshots' lower credible bound, per tier")
                    .baseUnit("percent")
                    .serviceLevelObjectives(TRUST_BUCKETS)
                    .tag("tier", t.wireName())
                    .register(registry))
        .record(100 * lowerBound);
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
