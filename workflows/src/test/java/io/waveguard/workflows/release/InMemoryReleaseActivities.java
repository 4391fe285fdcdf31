package io.waveguard.workflows.release;

import io.temporal.failure.ApplicationFailure;
import io.waveguard.policy.model.CohortStats;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.policy.model.StrandedTargets;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.plan.PlannedWave;
import io.waveguard.policy.plan.WavePlanners;
import io.waveguard.workflows.activities.ActivityErrors;
import io.waveguard.workflows.activities.DeploymentActivities;
import io.waveguard.workflows.activities.GateActivities;
import io.waveguard.workflows.activities.GateRequest;
import io.waveguard.workflows.activities.OutcomeRequest;
import io.waveguard.workflows.activities.OutcomeSummary;
import io.waveguard.workflows.activities.PlanSummary;
import io.waveguard.workflows.activities.PlanningActivities;
import io.waveguard.workflows.activities.ReleaseRecordActivities;
import io.waveguard.workflows.activities.ReleaseSnapshot;
import io.waveguard.workflows.activities.ReplanRequest;
import io.waveguard.workflows.activities.ReplanResult;
import io.waveguard.workflows.activities.TargetsHeld;
import io.waveguard.workflows.activities.TrustActivities;
import io.waveguard.workflows.activities.WaveDeployment;
import io.waveguard.workflows.activities.WaveRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * In-memory stand-ins for the activity interfaces, for workflow tests on the real Temporal test
 * server. The fleet (what is deployed where) lives in a {@link Fleet} that several instances can
 * share, the way two worker processes share one real fleet.
 */
final class InMemoryReleaseActivities
    implements PlanningActivities,
        DeploymentActivities,
        GateActivities,
        ReleaseRecordActivities,
        TrustActivities {

  /** What is deployed where, and every deploy and rollback call in order. */
  static final class Fleet {
    final List<Target> targets;
    final Map<String, List<PlannedWave>> plans = new ConcurrentHashMap<>();
    final Map<String, Integer> deployCounts = new ConcurrentHashMap<>();
    final Map<String, Integer> rollbackCounts = new ConcurrentHashMap<>();
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final List<ReleaseSnapshot> snapshots = Collections.synchronizedList(new ArrayList<>());

    /** Releases fenced against deploys (an abort, a rollback). */
    final Set<String> fenced = ConcurrentHashMap.newKeySet();

    /** Target id to the release that holds it, as target_holds keeps it in PostgreSQL. */
    final Map<String, String> holds = new ConcurrentHashMap<>();

    /** Claims (made or refused) and releases of holds in order, apart from the rollout calls. */
    final List<String> holdCalls = Collections.synchronizedList(new ArrayList<>());

    /** The rollout calls made by the time each release let go of its targets. */
    final Map<String, List<String>> callsAtRelease = new ConcurrentHashMap<>();

    Fleet(List<Target> targets) {
      this.targets = List.copyOf(targets);
    }

    static Fleet ofTiers(int perTier) {
      List<Target> targets = new ArrayList<>();
      for (Tier tier : Tier.values()) {
        for (int i = 0; i < perTier; i++) {
          targets.add(
              new Target(
                  "%s-%03d".formatted(tier.wireName(), i),
                  "payments",
                  "eu",
                  tier,
                  1.0 + i,
                  Map.of()));
        }
      }
      return new Fleet(targets);
    }
  }

  private final Fleet fleet;
  private volatile IntFunction<GateVerdict> verdicts = wave -> GateVerdict.PASS;
  private volatile IntFunction<String> holds = wave -> null;
  private volatile SequentialVerdicts sequentialVerdicts = null;
  private volatile boolean readModelDown;
  private final Map<Integer, Integer> gatePeriods = new java.util.concurrent.ConcurrentHashMap<>();

  /** A scripted sequential gate: the verdict after a wave's n-th period (from 0), for a tier. */
  @FunctionalInterface
  interface SequentialVerdicts {
    GateVerdict after(int wave, int period, io.waveguard.policy.model.Tier entryTier);
  }

  InMemoryReleaseActivities(Fleet fleet) {
    this.fleet = fleet;
  }

  InMemoryReleaseActivities gateVerdicts(IntFunction<GateVerdict> byWave) {
    this.verdicts = byWave;
    return this;
  }

  /** Scripts the sequential gate's verdicts, period by period. */
  InMemoryReleaseActivities sequentialVerdicts(SequentialVerdicts script) {
    this.sequentialVerdicts = script;
    return this;
  }

  /** Makes re-planning before a wave hold the release with the given reason (null: no hold). */
  InMemoryReleaseActivities replanHolds(IntFunction<String> byNextWave) {
    this.holds = byNextWave;
    return this;
  }

  @Override
  public PlanSummary planRelease(ReleaseSpec spec) {
    List<Target> selected =
        fleet.targets.stream()
            .filter(t -> t.service().equals(spec.service()))
            .filter(spec.selector()::matches)
            .toList();
    if (selected.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no targets matched", ActivityErrors.NO_TARGETS);
    }
    claim(spec.releaseId(), selected);
    List<PlannedWave> waves =
        fleet.plans.computeIfAbsent(
            spec.releaseId(),
            id -> WavePlanners.forStrategy(spec.strategy()).plan(7L, selected, spec.policy()));
    return new PlanSummary(
        "plan-" + spec.releaseId(),
        selected.size(),
        waves.stream().map(PlannedWave::summary).toList());
  }

  /** All or nothing, like the real claim; holders here are always running. */
  private void claim(String releaseId, List<Target> selected) {
    synchronized (fleet.holds) {
      List<String> held =
          selected.stream()
              .map(Target::id)
              .filter(id -> !releaseId.equals(fleet.holds.getOrDefault(id, releaseId)))
              .sorted()
              .toList();
      if (!held.isEmpty()) {
        fleet.holdCalls.add("held:" + releaseId);
        TargetsHeld details =
            new TargetsHeld(
                fleet.holds.get(held.get(0)),
                held.size(),
                held.subList(0, Math.min(held.size(), TargetsHeld.SAMPLE_SIZE)));
        throw ApplicationFailure.newNonRetryableFailure(
            details.describe(), ActivityErrors.TARGETS_HELD, details);
      }
      if (!selected.stream().allMatch(t -> releaseId.equals(fleet.holds.get(t.id())))) {
        fleet.holdCalls.add("claimed:" + releaseId);
      }
      selected.forEach(t -> fleet.holds.put(t.id(), releaseId));
    }
  }

  @Override
  public int releaseTargets(String releaseId) {
    fleet.holdCalls.add("release-targets:" + releaseId);
    fleet.callsAtRelease.put(releaseId, List.copyOf(fleet.calls));
    synchronized (fleet.holds) {
      int before = fleet.holds.size();
      fleet.holds.values().removeIf(releaseId::equals);
      return before - fleet.holds.size();
    }
  }

  @Override
  public WaveDeployment deployWave(WaveRequest request) {
    fleet.calls.add("deploy:" + request.wave());
    List<Target> targets = wave(request);
    targets.forEach(t -> fleet.deployCounts.merge(t.id(), 1, Integer::sum));
    return new WaveDeployment(request.wave(), targets.size(), targets.size(), 0);
  }

  @Override
  public WaveDeployment rollBackWave(WaveRequest request) {
    fleet.calls.add("rollback:" + request.wave());
    List<Target> targets = wave(request);
    targets.forEach(t -> fleet.rollbackCounts.merge(t.id(), 1, Integer::sum));
    return new WaveDeployment(request.wave(), targets.size(), targets.size(), 0);
  }

  @Override
  public void fenceDeploys(String releaseId) {
    fleet.calls.add("fence");
    fleet.fenced.add(releaseId);
  }

  /** Targets deployed more often than rolled back, in the fleet's order. */
  @Override
  public StrandedTargets listStrandedTargets(String releaseId) {
    fleet.calls.add("list-stranded");
    return StrandedTargets.of(
        fleet.targets.stream()
            .map(Target::id)
            .filter(
                id ->
                    fleet.deployCounts.getOrDefault(id, 0)
                        > fleet.rollbackCounts.getOrDefault(id, 0))
            .toList());
  }

  @Override
  public GateResult evaluateWave(GateRequest request) {
    GateVerdict verdict;
    if (request.entryTier() != null && sequentialVerdicts != null) {
      int period = gatePeriods.merge(request.wave(), 1, Integer::sum) - 1;
      fleet.calls.add("gate:" + request.wave() + "." + period);
      verdict = sequentialVerdicts.after(request.wave(), period, request.entryTier());
    } else {
      fleet.calls.add("gate:" + request.wave());
      verdict = verdicts.apply(request.wave());
    }
    CohortStats stats = new CohortStats(1, 10_000, verdict == GateVerdict.FAIL ? 100 : 10);
    return new GateResult(verdict, "scripted " + verdict, stats, new CohortStats(1, 10_000, 10));
  }

  /** Keeps the order (re-ranking is the policy core's, tested there) and scripts the hold. */
  @Override
  public ReplanResult replanRemaining(ReplanRequest request) {
    fleet.calls.add("replan:" + request.nextWave());
    List<PlannedWave> plan = fleet.plans.get(request.releaseId());
    List<PlannedWave> remaining = plan.subList(request.nextWave() - 1, plan.size());
    String hold = holds.apply(request.nextWave());
    return new ReplanResult(
        remaining.stream().map(PlannedWave::summary).toList(),
        0,
        0.9,
        hold,
        "scripted re-plan before wave " + request.nextWave());
  }

  @Override
  public OutcomeSummary recordReleaseOutcomes(OutcomeRequest request) {
    fleet.calls.add("outcome:" + request.finalStatus());
    return new OutcomeSummary(0, 0, 0, 1.0);
  }

  @Override
  public void recordRelease(ReleaseSnapshot snapshot) {
    if (readModelDown) {
      fleet.calls.add("record-failed");
      throw new IllegalStateException("read model database is down");
    }
    fleet.snapshots.add(snapshot);
  }

  /** Makes every read-model write fail, as if PostgreSQL were down. */
  InMemoryReleaseActivities readModelDown() {
    this.readModelDown = true;
    return this;
  }

  private List<Target> wave(WaveRequest request) {
    List<PlannedWave> plan = fleet.plans.get(request.releaseId());
    return plan.get(request.wave() - 1).targets();
  }
}
