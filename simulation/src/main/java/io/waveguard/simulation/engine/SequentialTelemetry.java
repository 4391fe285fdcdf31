package io.waveguard.simulation.engine;

import io.waveguard.policy.gate.LatencyShiftCheck;
import io.waveguard.policy.gate.sequential.CohortCell;
import io.waveguard.policy.gate.sequential.PeriodObservation;
import io.waveguard.policy.model.SequentialGatePolicy;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import io.waveguard.simulation.world.ReleaseCase;
import io.waveguard.simulation.world.Rng;
import io.waveguard.simulation.world.SimulatedFleet;
import io.waveguard.simulation.world.SimulatedWorld;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The telemetry the sequential gate sees in the simulated world, one gate period at a time. Like
 * targets (same segment and labels, same wave) are summed into one group whose counts are drawn
 * once per period: a sum of Poisson counts is Poisson, so a group draws what its targets would add
 * up to, at the cost of one draw instead of hundreds.
 *
 * <p>Baselines are what production has, not the truth ({@link BaselineEstimates}), and the same
 * pre-release errors are the last wave's historical controls.
 */
final class SequentialTelemetry {

  private static final long PERIOD = 42;
  private static final long PAST_LATENCY = 43;

  /** A group of like targets: sums the draws need. */
  private static final class Group {
    final String segment;
    final Tier tier;
    final Map<String, String> labels;
    final int wave;
    int targets;
    int affected;
    double requestsPerMinute;
    double trueErrorsPerMinute;
    double affectedErrorsPerMinute;
    double expectedErrorsPerMinute;
    long baselineErrors;

    Group(String segment, Tier tier, Map<String, String> labels, int wave) {
      this.segment = segment;
      this.tier = tier;
      this.labels = labels;
      this.wave = wave;
    }

    void add(int sign, TargetFacts t) {
      targets += sign;
      affected += sign * (t.affected ? 1 : 0);
      requestsPerMinute += sign * t.requestsPerMinute;
      trueErrorsPerMinute += sign * t.trueErrorsPerMinute;
      affectedErrorsPerMinute += sign * (t.affected ? t.trueErrorsPerMinute : 0);
      expectedErrorsPerMinute += sign * t.estimatedErrorsPerMinute;
      baselineErrors += sign * t.baselineErrors;
    }
  }

  private record TargetFacts(
      int cell,
      boolean affected,
      double requestsPerMinute,
      double trueErrorsPerMinute,
      double estimatedErrorsPerMinute,
      long baselineErrors) {}

  private final SimulatedFleet fleet;
  private final ReleaseCase release;
  private final double periodMinutes;
  private final double baselineMinutes;
  private final long intervalsPerPeriod;
  private final double healthyExceedance;
  private final double shiftedExceedance;
  private final TargetFacts[] facts;
  private final List<Group> controls = new ArrayList<>();
  private final List<Group> deployed = new ArrayList<>();
  private final Map<Integer, Double> deployedAtMinute = new HashMap<>();

  SequentialTelemetry(
      SimulatedWorld world,
      ReleaseCase release,
      SequentialGatePolicy gate,
      BaselineEstimates baselines) {
    this.fleet = world.fleet();
    this.release = release;
    this.periodMinutes = gate.periodSeconds() / 60.0;
    this.baselineMinutes = baselines.minutes();
    this.intervalsPerPeriod =
        Math.max(
            1,
            Math.round(
                gate.periodSeconds() / (double) world.scenario().fleet().latencyReportSeconds()));
    double noise = world.scenario().fleet().latencyNoiseLogSd();
    double ratio = gate.latencyExceedanceRatio();
    double shift = 1 + world.scenario().fault().latencyShift();
    this.healthyExceedance = exceedance(ratio, noise);
    this.shiftedExceedance = exceedance(ratio / shift, noise);
    this.facts = new TargetFacts[fleet.size()];
    Map<String, Integer> cells = new HashMap<>();
    for (int i = 0; i < fleet.size(); i++) {
      Target target = fleet.target(i);
      int cell =
          cells.computeIfAbsent(
              key(target.segment(), target.tier(), target.labels()),
              key -> {
                controls.add(new Group(target.segment(), target.tier(), target.labels(), 0));
                return controls.size() - 1;
              });
      double rpm = fleet.requestsPerMinute(i);
      facts[i] =
          new TargetFacts(
              cell,
              release.affected()[i],
              rpm,
              rpm * fleet.baselineErrorRate(i),
              rpm * baselines.rate(i),
              baselines.errors(i));
      controls.get(cell).add(1, facts[i]);
    }
  }

  /** A canonical name of a segment, tier and labels (label order must not depend on the JVM). */
  private static String key(String segment, Tier tier, Map<String, String> labels) {
    return segment + "|" + tier.wireName() + "|" + new java.util.TreeMap<>(labels);
  }

  /** P(a healthy p99 ratio, lognormal with this spread, lands above {@code threshold}). */
  private static double exceedance(double threshold, double logSd) {
    return LatencyShiftCheck.upperTail(Math.log(threshold) / logSd);
  }

  /** The wave's targets leave the controls and run the build from {@code bakedMinute} on. */
  void deploy(int wave, List<Target> targets, double bakedMinute) {
    deployedAtMinute.put(wave, bakedMinute);
    Map<Integer, Group> byCell = new HashMap<>();
    for (Target target : targets) {
      TargetFacts t = facts[fleet.indexOf(target)];
      controls.get(t.cell).add(-1, t);
      byCell
          .computeIfAbsent(
              t.cell,
              c -> {
                Group control = controls.get(c);
                Group group = new Group(control.segment, control.tier, control.labels, wave);
                deployed.add(group);
                return group;
              })
          .add(1, t);
    }
  }

  /**
   * The period that ends at baked minute {@code endMinute}, as the gate activity would read it:
   * every deployed group against the pending ones, or against its own past once none is pending.
   *
   * @param period a running index of the release's gate periods, keying the draws
   */
  PeriodObservation observe(int period, double endMinute) {
    Rng rng = Rng.at(release.seed(), PERIOD, period);
    double startMinute = endMinute - periodMinutes;
    List<CohortCell> deployedCells = new ArrayList<>(deployed.size());
    for (Group group : deployed) {
      double from = startMinute - deployedAtMinute.get(group.wave);
      deployedCells.add(cell(group, rng, from, true));
    }
    List<CohortCell> pending = new ArrayList<>(controls.size());
    for (Group group : controls) {
      pending.add(cell(group, rng, 0, false));
    }
    return PeriodObservation.of(deployedCells, pending, this::ownPast);
  }

  /** One group's counts over one period; {@code from} is its baked minutes on the build. */
  private CohortCell cell(Group group, Rng rng, double from, boolean onBuild) {
    if (group.targets == 0) {
      return new CohortCell(
          group.segment, group.tier, group.labels, 0, List.of(), 0, 0, 0, 0, 0, 0, 0, 0);
    }
    double uplift = onBuild ? release.errorUplift(from, from + periodMinutes) : 0;
    double mean =
        (group.trueErrorsPerMinute + uplift * group.affectedErrorsPerMinute) * periodMinutes;
    long samples = group.targets * intervalsPerPeriod;
    long shifted =
        onBuild && release.latencyShows(from + periodMinutes / 2)
            ? group.affected * intervalsPerPeriod
            : 0;
    long exceedances =
        rng.binomial(samples - shifted, healthyExceedance)
            + rng.binomial(shifted, shiftedExceedance);
    return new CohortCell(
        group.segment,
        group.tier,
        group.labels,
        group.targets,
        List.of(),
        Math.round(group.requestsPerMinute * periodMinutes),
        Math.min(rng.poisson(mean), Math.round(group.requestsPerMinute * periodMinutes)),
        group.expectedErrorsPerMinute * periodMinutes,
        0,
        samples,
        0,
        samples,
        exceedances);
  }

  /** Every target over its pre-release window: the errors its baseline was estimated from. */
  private List<CohortCell> ownPast() {
    Rng rng = Rng.at(release.seed(), PAST_LATENCY);
    long intervals = Math.round(baselineMinutes / periodMinutes) * intervalsPerPeriod;
    List<CohortCell> past = new ArrayList<>();
    Map<String, Group> all = new HashMap<>();
    for (Group group : deployed) {
      Group sum =
          all.computeIfAbsent(
              key(group.segment, group.tier, group.labels),
              k -> new Group(group.segment, group.tier, group.labels, 0));
      sum.targets += group.targets;
      sum.requestsPerMinute += group.requestsPerMinute;
      sum.expectedErrorsPerMinute += group.expectedErrorsPerMinute;
      sum.baselineErrors += group.baselineErrors;
    }
    for (Group sum : new java.util.TreeMap<>(all).values()) {
      long samples = sum.targets * intervals;
      past.add(
          new CohortCell(
              sum.segment,
              sum.tier,
              sum.labels,
              sum.targets,
              List.of(),
              Math.round(sum.requestsPerMinute * baselineMinutes),
              sum.baselineErrors,
              sum.expectedErrorsPerMinute * baselineMinutes,
              0,
              samples,
              0,
              samples,
              rng.binomial(samples, healthyExceedance)));
    }
    return past;
  }
}
