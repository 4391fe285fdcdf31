package io.waveguard.simulation.world;

import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import io.waveguard.simulation.scenario.FleetSpec;
import io.waveguard.simulation.scenario.HistorySpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A seeded fleet: targets with exact tier counts, heavy-tailed traffic (Pareto sizes),
 * gamma-distributed baseline error rates, lognormal baseline p99 and a latent per-target
 * probability of a bad deployment outcome. Target size is the target's share of fleet traffic.
 */
public final class SimulatedFleet {

  private static final long TIERS = 1;
  private static final long SIZES = 2;
  private static final long ERRORS = 3;
  private static final long LATENCY = 4;
  private static final long LABELS = 5;
  private static final long RELIABILITY = 6;

  private final List<Target> targets;
  private final double[] requestsPerMinute;
  private final double[] baselineErrorRate;
  private final double[] baselineP99Ms;
  private final double[] badProbability;
  private final Map<String, Integer> indexById;

  /** Planners hand back the fleet's own Target instances: an identity lookup skips hashing ids. */
  private final IdentityHashMap<Target, Integer> indexByTarget;

  private SimulatedFleet(
      List<Target> targets,
      double[] requestsPerMinute,
      double[] baselineErrorRate,
      double[] baselineP99Ms,
      double[] badProbability) {
    this.targets = List.copyOf(targets);
    this.requestsPerMinute = requestsPerMinute;
    this.baselineErrorRate = baselineErrorRate;
    this.baselineP99Ms = baselineP99Ms;
    this.badProbability = badProbability;
    this.indexById = new HashMap<>(targets.size() * 2);
    this.indexByTarget = new IdentityHashMap<>(targets.size() * 2);
    for (int i = 0; i < targets.size(); i++) {
      indexById.put(this.targets.get(i).id(), i);
      indexByTarget.put(this.targets.get(i), i);
    }
  }

  public static SimulatedFleet generate(FleetSpec spec, HistorySpec history, long seed) {
    int n = spec.targets();
    Tier[] tiers = tiers(spec, n, Rng.at(seed, TIERS));
    Rng sizes = Rng.at(seed, SIZES);
    double[] size = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      size[i] = Math.pow(sizes.openUniform(), -1 / spec.trafficParetoShape());
      total += size[i];
    }
    Rng errors = Rng.at(seed, ERRORS);
    Rng latency = Rng.at(seed, LATENCY);
    Rng labels = Rng.at(seed, LABELS);
    Rng reliability = Rng.at(seed, RELIABILITY);
    double a = history.badProbabilityMean() * history.badProbabilityConcentration();
    double b = (1 - history.badProbabilityMean()) * history.badProbabilityConcentration();
    Map<String, List<String>> labelValues = new TreeMap<>(spec.labels());
    List<Target> targets = new ArrayList<>(n);
    double[] rpm = new double[n];
    double[] base = new double[n];
    double[] p99 = new double[n];
    double[] bad = new double[n];
    for (int i = 0; i < n; i++) {
      double share = size[i] / total;
      rpm[i] = share * spec.requestsPerMinute();
      double shape = spec.baselineErrorRateShape();
      base[i] = Math.min(0.5, errors.gamma(shape) * spec.baselineErrorRateMean() / shape);
      p99[i] = spec.latencyP99MedianMs() * Math.exp(spec.latencyP99LogSd() * latency.gaussian());
      bad[i] = reliability.beta(a, b);
      Map<String, String> targetLabels = new TreeMap<>();
      for (Map.Entry<String, List<String>> label : labelValues.entrySet()) {
        List<String> values = label.getValue();
        targetLabels.put(label.getKey(), values.get((int) (labels.uniform() * values.size())));
      }
      String id = String.format(Locale.ROOT, "t%05d", i);
      targets.add(new Target(id, spec.service(), "sim", tiers[i], share, targetLabels));
    }
    return new SimulatedFleet(targets, rpm, base, p99, bad);
  }

  /** Exact tier counts (largest remainders), in a seeded order so tiers do not cluster by id. */
  private static Tier[] tiers(FleetSpec spec, int n, Rng rng) {
    Map<Tier, Double> mix = new TreeMap<>();
    spec.tierMix().forEach((name, share) -> mix.put(Tier.fromWireName(name).orElseThrow(), share));
    List<Tier> order = new ArrayList<>(mix.keySet());
    int[] counts = new int[order.size()];
    double[] remainders = new double[order.size()];
    int placed = 0;
    for (int t = 0; t < order.size(); t++) {
      double exact = mix.get(order.get(t)) * n;
      counts[t] = (int) Math.floor(exact);
      remainders[t] = exact - counts[t];
      placed += counts[t];
    }
    while (placed < n) {
      int best = 0;
      for (int t = 1; t < order.size(); t++) {
        if (remainders[t] > remainders[best]) {
          best = t;
        }
      }
      counts[best]++;
      remainders[best] = -1;
      placed++;
    }
    List<Tier> all = new ArrayList<>(n);
    for (int t = 0; t < order.size(); t++) {
      all.addAll(Collections.nCopies(counts[t], order.get(t)));
    }
    Tier[] shuffled = all.toArray(new Tier[0]);
    for (int i = n - 1; i > 0; i--) {
      int j = (int) (rng.uniform() * (i + 1));
      Tier swap = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = swap;
    }
    return shuffled;
  }

  public int size() {
    return targets.size();
  }

  public List<Target> targets() {
    return targets;
  }

  public Target target(int i) {
    return targets.get(i);
  }

  /** Index of a target of this fleet. */
  public int indexOf(Target target) {
    Integer i = indexByTarget.get(target);
    return i != null ? i : indexOf(target.id());
  }

  public int indexOf(String targetId) {
    Integer i = indexById.get(targetId);
    if (i == null) {
      throw new IllegalArgumentException("no target " + targetId);
    }
    return i;
  }

  public double requestsPerMinute(int i) {
    return requestsPerMinute[i];
  }

  public double baselineErrorRate(int i) {
    return baselineErrorRate[i];
  }

  public double baselineP99Ms(int i) {
    return baselineP99Ms[i];
  }

  /** The latent probability that a deployment to this target goes badly (drives the burn-in). */
  public double badProbability(int i) {
    return badProbability[i];
  }

  /** Traffic-weighted mean baseline error rate: the fleet's p₀. */
  public double fleetErrorRate() {
    double errors = 0;
    double requests = 0;
    for (int i = 0; i < size(); i++) {
      errors += requestsPerMinute[i] * baselineErrorRate[i];
      requests += requestsPerMinute[i];
    }
    return errors / requests;
  }
}
