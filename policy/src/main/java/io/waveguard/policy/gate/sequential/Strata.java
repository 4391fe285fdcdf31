package io.waveguard.policy.gate.sequential;

import io.waveguard.policy.model.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Which strata a release tests, fixed when the release starts so its α split never changes: the
 * whole release, then every segment, tier and label value that carries at least {@code minShare} of
 * the release's traffic, in a dimension with at least two such values (one value would only repeat
 * the whole release). The largest go first when there are more than {@code maxStrata}.
 */
public final class Strata {

  private Strata() {}

  public static List<Stratum> forRelease(List<Target> targets, double minShare, int maxStrata) {
    double total = targets.stream().mapToDouble(Target::size).sum();
    List<Stratum> strata = new ArrayList<>();
    strata.add(Stratum.all());
    if (!(total > 0) || maxStrata <= 1) {
      return strata;
    }
    TreeMap<String, Function<Target, String>> dimensions = new TreeMap<>();
    dimensions.put(Stratum.SEGMENT, Target::segment);
    dimensions.put(Stratum.TIER, t -> t.tier().wireName());
    targets.stream()
        .flatMap(t -> t.labels().keySet().stream())
        .distinct()
        .forEach(key -> dimensions.put(key, t -> t.labels().get(key)));
    record Candidate(Stratum stratum, double share) {}
    List<Candidate> candidates = new ArrayList<>();
    dimensions.forEach(
        (dimension, valueOf) -> {
          Map<String, Double> shares = new TreeMap<>();
          for (Target target : targets) {
            String value = valueOf.apply(target);
            if (value != null) {
              shares.merge(value, target.size() / total, Double::sum);
            }
          }
          List<Candidate> large = new ArrayList<>();
          shares.forEach(
              (value, share) -> {
                if (share >= minShare) {
                  large.add(new Candidate(new Stratum(dimension, value), share));
                }
              });
          if (shares.size() >= 2 && !large.isEmpty()) {
            candidates.addAll(large);
          }
        });
    candidates.stream()
        .sorted(
            Comparator.comparingDouble(Candidate::share)
                .reversed()
                .thenComparing(c -> c.stratum().key()))
        .limit(maxStrata - 1L)
        .sorted(Comparator.comparing(c -> c.stratum().key()))
        .forEach(c -> strata.add(c.stratum()));
    return strata;
  }
}
