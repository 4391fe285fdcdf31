package io.waveguard.simulation.world;

import io.waveguard.policy.plan.TrustWeightedPlanner;
import io.waveguard.policy.trust.DeploymentOutcome;
import io.waveguard.policy.trust.HealthIndicators;
import io.waveguard.policy.trust.TargetHistory;
import io.waveguard.policy.trust.TrustParameters;
import io.waveguard.policy.trust.TrustScore;
import io.waveguard.policy.trust.TrustScorer;
import io.waveguard.simulation.scenario.HistorySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every trust score of one seed's fleet, computed by the policy core's {@link TrustScorer}: the
 * burned-in histories, the prior fitted to them, the plan-time snapshot and fresh scores from
 * release telemetry.
 *
 * <p>Health telemetry reports error-rate and p99 ratios to the target's own baseline on a 5 %
 * logarithmic scale (ratios at or below 1 read as 1, where health is already perfect). That is a
 * measurement resolution, not a policy: the indicators are handed to the scorer as they are, and
 * the resolution lets scores be cached per (target, reading) because the Beta quantile behind each
 * lower bound is the expensive step.
 */
public final class TrustBook {

  private static final long HISTORY = 11;
  private static final long BASELINE_HEALTH = 12;

  /** One step of the logarithmic ratio scale: 5 %. */
  private static final double LOG_STEP = Math.log(1.05);

  /** The scale's top, a 1.05^255 ≈ 250 000-fold ratio: far past where health reaches 0. */
  private static final int MAX_LEVEL = 255;

  private final SimulatedFleet fleet;
  private final TrustScorer scorer;
  private final TargetHistory[] histories;
  private final TrustScore prior;
  private final Map<String, TrustScore> planTrust;

  /** Per target, scores by reading (error level × 256 + latency level). */
  private final ConcurrentHashMap<Integer, TrustScore>[] cache;

  private final double bakeMinutes;

  private TrustBook(
      SimulatedFleet fleet,
      TrustParameters parameters,
      TargetHistory[] histories,
      long seed,
      double bakeMinutes,
      double latencyNoise) {
    this.fleet = fleet;
    this.scorer = new TrustScorer(parameters);
    this.histories = histories;
    this.prior = TrustWeightedPlanner.noEvidence(parameters);
    this.bakeMinutes = bakeMinutes;
    @SuppressWarnings("unchecked")
    ConcurrentHashMap<Integer, TrustScore>[] maps = new ConcurrentHashMap[fleet.size()];
    for (int i = 0; i < maps.length; i++) {
      maps[i] = new ConcurrentHashMap<>();
    }
    this.cache = maps;
    Map<String, TrustScore> snapshot = new HashMap<>(fleet.size() * 2);
    for (int i = 0; i < fleet.size(); i++) {
      // Plan-time health: one bake-long window of the target's own baseline telemetry.
      Rng rng = Rng.at(seed, BASELINE_HEALTH, i);
      long errors = rng.poisson(requests(i) * fleet.baselineErrorRate(i));
      double latencyRatio = Math.exp(latencyNoise * rng.gaussian());
      snapshot.put(fleet.target(i).id(), fresh(i, errors, latencyRatio));
    }
    this.planTrust = Map.copyOf(snapshot);
  }

  /**
   * Burns in every target's history ({@code history.deployments} outcomes at random days, each bad
   * with the target's latent probability), folds it with forgetting, fits the prior when asked, and
   * scores the plan-time snapshot.
   */
  public static TrustBook burnIn(
      SimulatedFleet fleet,
      HistorySpec history,
      TrustParameters parameters,
      boolean fitPrior,
      long seed,
      double bakeMinutes,
      double latencyNoise) {
    TargetHistory[] histories = new TargetHistory[fleet.size()];
    List<double[]> goodBad = new ArrayList<>(fleet.size());
    for (int i = 0; i < fleet.size(); i++) {
      Rng rng = Rng.at(seed, HISTORY, i);
      double[] days = new double[history.deployments()];
      for (int d = 0; d < days.length; d++) {
        days[d] = rng.uniform() * history.days();
      }
      Arrays.sort(days);
      List<DeploymentOutcome> outcomes = new ArrayList<>(days.length);
      for (double day : days) {
        outcomes.add(new DeploymentOutcome(day, !rng.bernoulli(fleet.badProbability(i))));
      }
      histories[i] = TargetHistory.fold(outcomes, history.days(), parameters.halfLifeDays());
      goodBad.add(new double[] {histories[i].good(), histories[i].bad()});
    }
    TrustParameters fitted = fitPrior ? parameters.withPriorFittedTo(goodBad) : parameters;
    return new TrustBook(fleet, fitted, histories, seed, bakeMinutes, latencyNoise);
  }

  /** The trust snapshot the release plans with (history plus baseline health). */
  public Map<String, TrustScore> planTrust() {
    return planTrust;
  }

  /** The score of a target with no evidence, for planners and the re-planner. */
  public TrustScore prior() {
    return prior;
  }

  public TrustParameters parameters() {
    return scorer.parameters();
  }

  /** Requests one target serves in one bake period. */
  public double requests(int i) {
    return fleet.requestsPerMinute(i) * bakeMinutes;
  }

  /**
   * Trust of target {@code i} from its history and one bake period of telemetry: {@code errors}
   * over {@link #requests} requests, p99 at {@code latencyRatio} times its baseline.
   */
  public TrustScore fresh(int i, long errors, double latencyRatio) {
    double expected = requests(i) * fleet.baselineErrorRate(i);
    int errorLevel = level(expected > 0 ? errors / expected : 1);
    int latencyLevel = level(latencyRatio);
    Integer key = (errorLevel << 8) | latencyLevel;
    TrustScore cached = cache[i].get(key);
    return cached != null
        ? cached
        : cache[i].computeIfAbsent(key, k -> score(i, errorLevel, latencyLevel));
  }

  private TrustScore score(int i, int errorLevel, int latencyLevel) {
    double base = fleet.baselineErrorRate(i);
    double p99 = fleet.baselineP99Ms(i);
    HealthIndicators indicators =
        new HealthIndicators(
            Math.min(1, base * ratio(errorLevel)),
            base,
            p99 * ratio(latencyLevel),
            p99,
            0,
            1,
            Math.round(requests(i)));
    return scorer.score(histories[i], indicators);
  }

  private static int level(double ratio) {
    if (!(ratio > 1)) {
      return 0;
    }
    return (int) Math.min(MAX_LEVEL, Math.round(Math.log(ratio) / LOG_STEP));
  }

  private static double ratio(int level) {
    return Math.exp(level * LOG_STEP);
  }

  /** Cached scores so far, for the bench's memory figures. */
  public int cachedScores() {
    int n = 0;
    for (ConcurrentHashMap<Integer, TrustScore> scores : cache) {
      n += scores.size();
    }
    return n;
  }
}
