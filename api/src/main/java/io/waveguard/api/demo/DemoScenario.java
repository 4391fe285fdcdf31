package io.waveguard.api.demo;

import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.SequentialGatePolicy;
import io.waveguard.policy.model.Strategy;
import io.waveguard.policy.model.Target;
import io.waveguard.simulatedfleet.FleetTargets;
import java.util.List;
import java.util.Map;

/**
 * What the demo shows: a payments fleet in four tiers with two months of history, a good release
 * that goes everywhere, moving on as soon as the sequential gate passes, a faulty one that the gate
 * stops in its first wave before it reaches a critical tier, and one whose targets stop reporting
 * telemetry, which pauses at the maximum bake instead of going on blind.
 */
public final class DemoScenario {

  public static final String SERVICE = "payments";
  public static final String GOOD_RELEASE = "payments-2-4-0";
  public static final String FAULTY_RELEASE = "payments-2-5-0-faulty";
  public static final String SILENT_RELEASE = "payments-2-6-0-silent";

  /**
   * 50 targets of the simulation's fleet (the one generator the experiment uses too): 20 low, 20
   * standard, 8 finance-critical, 2 safety-critical, sizes from 0.36 to 3.7 (Pareto-tailed); eleven
   * waves.
   */
  static final int FLEET_SIZE = 50;

  /**
   * Not tuned for the outcome: the seed the demo had before its fleet came from the simulation. On
   * this fleet a wave's baseline error rate is up to 1.68x its controls' (the first safety-critical
   * wave; 1.46x the first finance-critical one), above those tiers' tolerances of 1.1 and 1.2, and
   * the good release still passes on merit: the sequential gate compares each cohort with its own
   * baseline (the hour before, {@link #BASELINE_SECONDS}), so a target that is noisier than its
   * controls is not a regression.
   */
  static final long FLEET_SEED = 2;

  /**
   * Simulated traffic per unit of target size: 10,000 requests a second. A gate period sees one
   * second of it, and the first wave's smallest targets (size 0.36, 3,600 requests a second) must
   * still show errors every period at a 0.1 % error rate for the gate to tell a healthy build
   * (ratio ~1) from a faulty one (~10) within a few periods.
   */
  static final long REQUESTS_PER_TARGET_PER_MINUTE = 600_000;

  /**
   * For a per-wave release started by hand (the banner's example): below what the first wave serves
   * in a 3-second bake, so a gate with telemetry never waits. The sequential gate asks for a
   * confidence bound instead of a count.
   */
  static final long MIN_REQUESTS_PER_COHORT = 5_000;

  /**
   * Latency points per cohort the per-wave gate needs: a one-target wave has 4 per 4-second bake.
   */
  static final int LATENCY_MIN_SAMPLES = 8;

  /** The sequential gate looks at the telemetry every second. */
  static final long GATE_PERIOD_SECONDS = 1;

  /**
   * An undecided wave pauses for a human after this long (the silent release does). A good wave
   * usually passes at its 3-second minimum, but one whose few targets' baselines sit above their
   * controls' (up to 1.68× on this fleet) needs more periods, and a loaded machine loses some: with
   * 15 s the good release was seen to pause on such a wave twice under load, so 30 s leaves it a
   * margin while the silent release still pauses within the demo's first two minutes.
   */
  static final long MAX_BAKE_SECONDS = 30;

  /**
   * Each target's baseline, and the last wave's historical controls: the hour before, the server's
   * default. The gate compares a wave with its controls by the errors each side's baseline
   * predicts, so a baseline's own sampling noise is a bias more periods never average away: the
   * demo once used one minute, in which a small quiet target sees about a hundred errors (±10 %),
   * and the last finance-critical wave, whose controls are the two safety-critical targets, was
   * seen to stay undecided against the safety tier's 1.1 tolerance until its maximum bake. An hour
   * costs nothing here (simulated telemetry of any past window is computed, not waited for).
   */
  static final long BASELINE_SECONDS = 3600;

  private DemoScenario() {}

  public static List<Target> fleet() {
    return FleetTargets.generate(SERVICE, FLEET_SIZE, FLEET_SEED);
  }

  /**
   * Default policy with the sequential gate on demo timings, so the demo ends within a minute: a
   * verdict every second, each wave bakes at least {@code minBakeSeconds} and moves on as soon as
   * the gate passes.
   */
  static ReleasePolicy policy(long minBakeSeconds) {
    ReleasePolicy defaults = ReleasePolicy.defaults();
    SequentialGatePolicy gate =
        SequentialGatePolicy.defaults()
            .withTimings(
                GATE_PERIOD_SECONDS,
                minBakeSeconds,
                Math.max(MAX_BAKE_SECONDS, minBakeSeconds),
                BASELINE_SECONDS);
    return new ReleasePolicy(
        minBakeSeconds,
        defaults.maxBakeExtensions(),
        defaults.firstWavePercent(),
        defaults.waveGrowthFactor(),
        MIN_REQUESTS_PER_COHORT,
        List.of(),
        gate,
        null);
  }

  static ReleaseSpec goodRelease(long minBakeSeconds) {
    return spec(GOOD_RELEASE, "2.4.0", minBakeSeconds);
  }

  /** Its version names it faulty, and the simulated telemetry makes it 10x more error-prone. */
  static ReleaseSpec faultyRelease(long minBakeSeconds) {
    return spec(FAULTY_RELEASE, "2.5.0-faulty", minBakeSeconds);
  }

  /** Its version names it silent: targets running it report no telemetry at all. */
  static ReleaseSpec silentRelease(long minBakeSeconds) {
    return spec(SILENT_RELEASE, "2.6.0-silent", minBakeSeconds);
  }

  private static ReleaseSpec spec(String releaseId, String version, long minBakeSeconds) {
    return new ReleaseSpec(
        releaseId, SERVICE, version, Strategy.TRUST_WEIGHTED, null, policy(minBakeSeconds), "demo");
  }

  /**
   * The outcome the demo exists to show; the silent release ends ABORTED because the demo's
   * operator aborts it once it paused (and only then).
   */
  static boolean isExpected(Map<String, ReleaseStatus> statuses) {
    return statuses.get(GOOD_RELEASE) == ReleaseStatus.COMPLETED
        && statuses.get(FAULTY_RELEASE) == ReleaseStatus.ROLLED_BACK
        && statuses.get(SILENT_RELEASE) == ReleaseStatus.ABORTED;
  }
}
