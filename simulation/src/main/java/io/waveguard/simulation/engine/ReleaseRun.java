package io.waveguard.simulation.engine;

import io.waveguard.policy.gate.GateEvidence;
import io.waveguard.policy.gate.ReleaseGate;
import io.waveguard.policy.gate.sequential.PeriodObservation;
import io.waveguard.policy.gate.sequential.ReleaseEvidence;
import io.waveguard.policy.gate.sequential.SequentialGate;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.WaveSummary;
import io.waveguard.policy.plan.PlannedWave;
import io.waveguard.policy.plan.Replan;
import io.waveguard.policy.plan.Replanner;
import io.waveguard.policy.trust.TrustScore;
import io.waveguard.simulation.world.ReleaseCase;
import io.waveguard.simulation.world.Rng;
import io.waveguard.simulation.world.SimulatedFleet;
import io.waveguard.simulation.world.SimulatedWorld;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hands of one release of one strategy over a simulated world: plan, deploy, gate, re-plan and
 * roll back, each by calling the policy core. Both bodies use it: the {@link Simulator}'s
 * virtual-clock loop and, in the cross-check, activity implementations under ReleaseWorkflow. It
 * keeps time in bake steps per wave (a whole bake under the per-wave gate, one gate period under
 * the sequential gate), which both bodies report, never in wall-clock time.
 */
public final class ReleaseRun {

  private static final long DEPLOYED = 31;
  private static final long CONTROLS = 32;
  private static final long BEFORE = 33;
  private static final long HEALTH = 34;

  private final SimulatedWorld world;
  private final ReleaseCase release;
  private final SimStrategy strategy;
  private final SimulatedFleet fleet;
  private final CohortTelemetry telemetry;
  private final ReleaseGate gate;
  private final ReleasePolicy policy;
  private final double stepMinutes;
  private final SequentialGate sequentialGate;
  private final SequentialTelemetry sequentialTelemetry;
  private ReleaseEvidence evidence;
  private List<PlannedWave> waves = List.of();

  /** Per target: the wave that deployed it, 0 while it runs the old version. */
  private final int[] waveOf;

  private final boolean[] touched;
  private int[] startPeriod = new int[0];
  private int[] periodsBaked = new int[0];
  private int periodsSoFar;

  public ReleaseRun(SimulatedWorld world, ReleaseCase release, SimStrategy strategy) {
    this.world = world;
    this.release = release;
    this.strategy = strategy;
    this.fleet = world.fleet();
    BaselineEstimates baselines = new BaselineEstimates(world, release);
    this.telemetry = new CohortTelemetry(world, release, baselines);
    this.gate = new ReleaseGate(world.policy().gate());
    this.policy =
        strategy.sequentialGate() ? world.policy().sequentialRelease() : world.policy().release();
    if (strategy.sequentialGate()) {
      this.sequentialGate = new SequentialGate(policy.sequentialGate());
      this.sequentialTelemetry =
          new SequentialTelemetry(world, release, policy.sequentialGate(), baselines);
      this.evidence = sequentialGate.start(fleet.targets());
      this.stepMinutes = policy.sequentialGate().periodSeconds() / 60.0;
    } else {
      this.sequentialGate = null;
      this.sequentialTelemetry = null;
      this.stepMinutes = world.bakeMinutes();
    }
    this.waveOf = new int[fleet.size()];
    this.touched = new boolean[fleet.size()];
  }

  /** PLAN: the strategy's planner over the whole fleet. */
  public synchronized List<WaveSummary> plan() {
    waves =
        strategy.seedDependent()
            ? strategy
                .planner(world.policy().plan(), world.trust().prior(), world.trust().planTrust())
                .plan(release.seed(), fleet.targets(), policy)
            : world.fixedPlan(strategy);
    startPeriod = new int[waves.size() + 1];
    periodsBaked = new int[waves.size() + 1];
    return summaries(waves);
  }

  /** DEPLOY_WAVE: the wave's targets run the build from the current period on. */
  public synchronized void deploy(int wave) {
    if (isDeployed(wave)) {
      return; // idempotent, like a retried deploy activity
    }
    startPeriod[wave] = periodsSoFar;
    for (Target target : waves.get(wave - 1).targets()) {
      int i = fleet.indexOf(target);
      waveOf[i] = wave;
      touched[i] = true;
    }
    if (sequentialTelemetry != null) {
      sequentialTelemetry.deploy(wave, waves.get(wave - 1).targets(), periodsSoFar * stepMinutes);
    }
  }

  /** The policy the release runs: per-wave or sequential gate, as the strategy says. */
  public ReleasePolicy policy() {
    return policy;
  }

  /** Minutes of one bake step: a whole bake, or one period of the sequential gate. */
  public double stepMinutes() {
    return stepMinutes;
  }

  /**
   * EVALUATE_GATE under the sequential gate: the period just baked, every target on the build
   * against the pending ones (or their own past), folded into the release's evidence.
   */
  public synchronized GateResult sequentialGate(Tier entryTier) {
    PeriodObservation period =
        sequentialTelemetry.observe(periodsSoFar - 1, periodsSoFar * stepMinutes);
    evidence = sequentialGate.observe(evidence, period);
    return sequentialGate.judge(evidence, entryTier, period.deployedStats(), period.controlStats());
  }

  private boolean isDeployed(int wave) {
    List<Target> targets = waves.get(wave - 1).targets();
    return !targets.isEmpty() && waveOf[fleet.indexOf(targets.get(0))] == wave;
  }

  /** BAKE elapsed: the wave baked one more period (the simulator's clock). */
  public synchronized void periodBaked(int wave) {
    periodsBaked[wave]++;
    periodsSoFar++;
  }

  /** Periods the wave has baked so far. */
  public synchronized int periodsBaked(int wave) {
    return periodsBaked[wave];
  }

  /** The wave has baked this many periods in all (the workflow body reads it off the window). */
  public synchronized void bakedPeriods(int wave, int periods) {
    periodsSoFar += periods - periodsBaked[wave];
    periodsBaked[wave] = periods;
  }

  /**
   * EVALUATE_GATE: the release gate on the wave's last {@code windowPeriods} periods, against the
   * targets not yet deployed over the same periods; with none left, against the wave's own targets
   * over as many periods before it took the build (as the gate activity does).
   */
  public synchronized GateResult gate(int wave, int windowPeriods) {
    int last = periodsBaked[wave] - 1;
    int first = Math.max(0, last - windowPeriods + 1);
    int[] members = indices(waves.get(wave - 1).targets());
    GateEvidence deployed = telemetry.evidence(members, true, DEPLOYED, wave, first, last);
    int[] pending = pending();
    GateEvidence control =
        pending.length > 0
            ? telemetry.evidence(pending, false, CONTROLS, wave, first, last)
            : telemetry.evidence(members, false, BEFORE, wave, first, last);
    return gate.evaluate(deployed, control, policy);
  }

  /**
   * REPLAN before {@code next}: fresh trust for every target from the last baked period, then the
   * policy core's re-planner (or only its tier-entry check, for the gates-only ablation).
   */
  public synchronized ReplanOutcome replan(int next) {
    int lastPeriod = periodsSoFar - 1;
    Map<String, TrustScore> fresh = new HashMap<>(fleet.size() * 2);
    for (int i = 0; i < fleet.size(); i++) {
      int wave = waveOf[i];
      boolean onBuild = wave > 0;
      double from =
          onBuild
              ? Math.max(0, (periodsSoFar - startPeriod[wave]) * stepMinutes - world.bakeMinutes())
              : 0;
      Rng rng = Rng.at(release.seed(), HEALTH, i, lastPeriod);
      long errors = telemetry.healthErrors(i, onBuild, from, rng);
      double latency = telemetry.healthLatency(i, onBuild, from, rng);
      fresh.put(fleet.target(i).id(), world.trust().fresh(i, errors, latency));
    }
    List<Target> deployed = new ArrayList<>();
    long deployedRequests = 0;
    for (int w = 1; w < next; w++) {
      deployed.addAll(waves.get(w - 1).targets());
      long periods = periodsSoFar - startPeriod[w];
      for (Target target : waves.get(w - 1).targets()) {
        deployedRequests +=
            Math.round(fleet.requestsPerMinute(fleet.indexOf(target)) * stepMinutes * periods);
      }
    }
    Replanner replanner = new Replanner(world.policy().plan(), world.trust().prior());
    List<PlannedWave> remaining = waves.subList(next - 1, waves.size());
    // The rule the re-plan activity applies to a release's own policy, so both bodies agree.
    long minEvidence = policy.tierEntryMinRequests();
    if (strategy.replanning() == SimStrategy.Replanning.HOLD_ONLY) {
      Optional<String> hold =
          replanner.tierEntryHold(remaining.get(0), deployed, fresh, deployedRequests, minEvidence);
      return new ReplanOutcome(summaries(remaining), hold, 0, Double.NaN, "tier-entry check only");
    }
    Replan replan = replanner.replan(remaining, deployed, fresh, deployedRequests, minEvidence);
    List<PlannedWave> updated = new ArrayList<>(waves.subList(0, next - 1));
    updated.addAll(replan.waves());
    waves = List.copyOf(updated);
    return new ReplanOutcome(
        summaries(replan.waves()),
        replan.hold(),
        replan.movedTargets(),
        replan.cohortTrust(),
        replan.reason());
  }

  /** ROLL_BACK_WAVE: the wave's targets return to the old version (they stay "touched"). */
  public synchronized void rollBack(int wave) {
    for (Target target : waves.get(wave - 1).targets()) {
      int i = fleet.indexOf(target);
      if (waveOf[i] == wave) {
        waveOf[i] = 0;
      }
    }
  }

  /** Impact-weighted share of each tier's targets that ever ran the build, by tier ordinal. */
  public synchronized double[] tierExposure() {
    double[] exposed = new double[Tier.values().length];
    double[] total = new double[Tier.values().length];
    for (int i = 0; i < fleet.size(); i++) {
      Target target = fleet.target(i);
      int t = target.tier().ordinal();
      total[t] += target.impact();
      if (touched[i]) {
        exposed[t] += target.impact();
      }
    }
    for (int t = 0; t < exposed.length; t++) {
      exposed[t] = total[t] > 0 ? exposed[t] / total[t] : 0;
    }
    return exposed;
  }

  /** Targets that ever ran the build. */
  public synchronized boolean touched(int i) {
    return touched[i];
  }

  public synchronized List<PlannedWave> waves() {
    return waves;
  }

  private int[] pending() {
    int count = 0;
    for (int wave : waveOf) {
      if (wave == 0) {
        count++;
      }
    }
    int[] pending = new int[count];
    int next = 0;
    for (int i = 0; i < waveOf.length; i++) {
      if (waveOf[i] == 0) {
        pending[next++] = i;
      }
    }
    return pending;
  }

  private int[] indices(List<Target> targets) {
    int[] indices = new int[targets.size()];
    for (int k = 0; k < indices.length; k++) {
      indices[k] = fleet.indexOf(targets.get(k));
    }
    return indices;
  }

  private static List<WaveSummary> summaries(List<PlannedWave> waves) {
    return waves.stream().map(PlannedWave::summary).toList();
  }
}
