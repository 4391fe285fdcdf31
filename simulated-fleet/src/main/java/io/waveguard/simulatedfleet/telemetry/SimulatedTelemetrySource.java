package io.waveguard.simulatedfleet.telemetry;

import io.waveguard.activities.StableHash;
import io.waveguard.activities.db.DeploymentDao;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.activities.telemetry.TargetTelemetry;
import io.waveguard.activities.telemetry.TelemetrySource;
import io.waveguard.policy.model.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Synthetic telemetry for the simulated fleet, computed on demand and deterministic: the same
 * targets, window and deployments always give the same numbers, so it needs no state of its own and
 * a restarted worker sees exactly what the killed one saw.
 *
 * <p>Each target serves {@code requestsPerTargetPerMinute × size} requests a minute, has a baseline
 * error rate between {@value #MIN_BASELINE_ERROR_RATE} and {@value #MAX_BASELINE_ERROR_RATE} and a
 * baseline p99 between {@value #MIN_BASELINE_P99_MS} and {@value #MAX_BASELINE_P99_MS} ms fixed by
 * its id, changed by the {@link FaultModel} for the version it ran at the window's start. Waves are
 * deployed before their bake window opens, so a gate's window never straddles a version change.
 */
public final class SimulatedTelemetrySource implements TelemetrySource {

  static final double MIN_BASELINE_ERROR_RATE = 0.0005;
  static final double MAX_BASELINE_ERROR_RATE = 0.002;
  static final double MIN_BASELINE_P99_MS = 80;
  static final double MAX_BASELINE_P99_MS = 400;

  /** Crashes per request; a healthy app crashes rarely. */
  private static final double BASELINE_CRASH_RATE = 0.00002;

  /** Minute-to-minute spread of p99 (lognormal sigma): p99s are noisy. */
  private static final double P99_NOISE_SIGMA = 0.08;

  /**
   * Latency points per target and window at most: the simulated fleet reports a p99 every second,
   * so even the demo's few-second bakes give a rank test something to work with.
   */
  private static final int MAX_LATENCY_POINTS = 60;

  /** Above this many expected errors the binomial is drawn from its normal approximation. */
  private static final double POISSON_LIMIT = 50;

  private final Jdbi jdbi;
  private final FaultModel faults;
  private final long requestsPerTargetPerMinute;

  public SimulatedTelemetrySource(Jdbi jdbi, FaultModel faults, long requestsPerTargetPerMinute) {
    if (requestsPerTargetPerMinute < 0) {
      throw new IllegalArgumentException("requestsPerTargetPerMinute must be >= 0");
    }
    this.jdbi = jdbi;
    this.faults = faults;
    this.requestsPerTargetPerMinute = requestsPerTargetPerMinute;
  }

  @Override
  public Map<String, TargetTelemetry> perTarget(List<String> targetIds, Instant from, Instant to) {
    double minutes = Duration.between(from, to).toMillis() / 60_000.0;
    if (targetIds.isEmpty() || minutes <= 0) {
      return Map.of();
    }
    Map<String, Double> sizes =
        jdbi.withExtension(TargetDao.class, dao -> dao.findAll(targetIds)).stream()
            .collect(Collectors.toMap(Target::id, Target::size, (a, b) -> a));
    Map<String, String> versions =
        jdbi.withExtension(DeploymentDao.class, dao -> dao.versionsAt(targetIds, from));
    Map<String, TargetTelemetry> result = new LinkedHashMap<>();
    for (String id : targetIds.stream().distinct().toList()) {
      String version = versions.get(id);
      if (faults.silences(version)) {
        continue; // reports nothing at all: the gate must not read that as "healthy"
      }
      // A target the database does not know still serves traffic, at unit size.
      double size = sizes.getOrDefault(id, 1.0);
      long requests = Math.round(requestsPerTargetPerMinute * minutes * size);
      if (requests == 0) {
        continue;
      }
      SplittableRandom random = new SplittableRandom(seed(id, from));
      double rate = Math.min(1.0, baselineErrorRate(id) * faults.errorMultiplier(version));
      long errors = binomial(random, requests, rate);
      long crashes = binomial(random, requests, BASELINE_CRASH_RATE);
      double p99 = baselineP99Ms(id) * faults.latencyMultiplier(version);
      result.put(
          id,
          new TargetTelemetry(id, requests, errors, crashes, 1.0, latency(random, p99, from, to)));
    }
    return result;
  }

  /** One p99 per second of the window, at most {@value #MAX_LATENCY_POINTS}. */
  private static List<Double> latency(
      SplittableRandom random, double p99, Instant from, Instant to) {
    long seconds = Duration.between(from, to).toSeconds();
    int points = (int) Math.max(1, Math.min(MAX_LATENCY_POINTS, seconds));
    List<Double> samples = new ArrayList<>(points);
    for (int i = 0; i < points; i++) {
      samples.add(Math.round(p99 * Math.exp(P99_NOISE_SIGMA * gaussian(random)) * 10) / 10.0);
    }
    return samples;
  }

  /** Log-uniform between the bounds: a few targets are several times noisier than others. */
  static double baselineErrorRate(String targetId) {
    return logUniform(StableHash.of(targetId), MIN_BASELINE_ERROR_RATE, MAX_BASELINE_ERROR_RATE);
  }

  /** Log-uniform too, from an independent hash of the id. */
  static double baselineP99Ms(String targetId) {
    return logUniform(StableHash.of("p99:" + targetId), MIN_BASELINE_P99_MS, MAX_BASELINE_P99_MS);
  }

  private static double logUniform(long hash, double min, double max) {
    double unit = (hash >>> 11) * 0x1.0p-53;
    return min * Math.pow(max / min, unit);
  }

  private static long seed(String targetId, Instant windowStart) {
    return StableHash.of(targetId + "@" + windowStart.toEpochMilli());
  }

  private static long binomial(SplittableRandom random, long trials, double p) {
    double mean = trials * p;
    long draw =
        mean < POISSON_LIMIT
            ? poisson(random, mean)
            : Math.round(mean + Math.sqrt(mean * (1 - p)) * gaussian(random));
    return Math.max(0, Math.min(trials, draw));
  }

  /** Knuth's multiplication method; fine for the small means it is used for. */
  private static long poisson(SplittableRandom random, double mean) {
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    long count = 0;
    while (product > limit) {
      count++;
      product *= random.nextDouble();
    }
    return count;
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller; 1 - u keeps the logarithm finite.
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
