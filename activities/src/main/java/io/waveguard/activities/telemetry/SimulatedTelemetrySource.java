package io.waveguard.activities.telemetry;

import io.waveguard.activities.StableHash;
import io.waveguard.activities.db.DeploymentDao;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.workflows.model.CohortStats;
import io.waveguard.workflows.model.Target;
import java.time.Duration;
import java.time.Instant;
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
 * error rate between {@value #MIN_BASELINE_ERROR_RATE} and {@value #MAX_BASELINE_ERROR_RATE} fixed
 * by its id, multiplied by the {@link FaultModel}'s factor for the version it ran at the window's
 * start. Waves are deployed before their bake window opens, so a gate's window never straddles a
 * version change.
 */
public final class SimulatedTelemetrySource implements TelemetrySource {

  static final double MIN_BASELINE_ERROR_RATE = 0.0005;
  static final double MAX_BASELINE_ERROR_RATE = 0.002;

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
  public CohortStats aggregate(List<String> targetIds, Instant from, Instant to) {
    double minutes = Duration.between(from, to).toMillis() / 60_000.0;
    if (targetIds.isEmpty() || minutes <= 0) {
      return CohortStats.EMPTY;
    }
    Map<String, Double> sizes =
        jdbi.withExtension(TargetDao.class, dao -> dao.findAll(targetIds)).stream()
            .collect(Collectors.toMap(Target::id, Target::size, (a, b) -> a));
    Map<String, String> versions =
        jdbi.withExtension(DeploymentDao.class, dao -> dao.versionsAt(targetIds, from));
    CohortStats total = CohortStats.EMPTY;
    for (String id : targetIds.stream().distinct().toList()) {
      // A target the database does not know still serves traffic, at unit size.
      double size = sizes.getOrDefault(id, 1.0);
      long requests = Math.round(requestsPerTargetPerMinute * minutes * size);
      if (requests == 0) {
        continue;
      }
      double rate = Math.min(1.0, baselineErrorRate(id) * faults.errorMultiplier(versions.get(id)));
      long errors = binomial(new SplittableRandom(seed(id, from)), requests, rate);
      total = total.plus(new CohortStats(1, requests, errors));
    }
    return total;
  }

  /** Log-uniform between the bounds: a few targets are several times noisier than others. */
  static double baselineErrorRate(String targetId) {
    double unit = (StableHash.of(targetId) >>> 11) * 0x1.0p-53;
    return MIN_BASELINE_ERROR_RATE
        * Math.pow(MAX_BASELINE_ERROR_RATE / MIN_BASELINE_ERROR_RATE, unit);
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
