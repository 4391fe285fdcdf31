package io.waveguard.activities.release;

import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import io.waveguard.activities.db.DeploymentDao;
import io.waveguard.activities.db.PlanDao;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.activities.observability.ReleaseContext;
import io.waveguard.activities.observability.ReleaseMetrics;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.WaveSummary;
import io.waveguard.policy.plan.Placement;
import io.waveguard.policy.plan.PlannedWave;
import io.waveguard.policy.plan.TrustPlan;
import io.waveguard.workflows.activities.ActivityErrors;
import io.waveguard.workflows.activities.PlanSummary;
import io.waveguard.workflows.activities.PlanningActivities;
import io.waveguard.workflows.activities.ReplanRequest;
import io.waveguard.workflows.activities.ReplanResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans a release once and stores the plan: waves in {@code plan_waves}, one PENDING row per target
 * in {@code deployments} with the reason for its placement. Later calls for the same release return
 * the stored plan, so a retry never reorders targets even if the fleet or its trust changed in
 * between. Re-plans between waves go to {@link ReplanStep}.
 *
 * <p>The plan's transaction first claims the selected targets ({@link TargetHolds}): a target
 * another running release holds fails planning with {@code TARGETS_HELD} and stores nothing, so two
 * concurrent releases can never both plan a target.
 */
public final class PlanningActivitiesImpl implements PlanningActivities {

  private static final Logger log = LoggerFactory.getLogger(PlanningActivitiesImpl.class);

  private final Jdbi jdbi;
  private final ReleasePlanner planner;
  private final ReplanStep replans;
  private final TargetHolds holds;
  private final ReleaseMetrics metrics;

  /**
   * @param liveness tells a running holder from one whose workflow closed without letting go
   */
  public PlanningActivitiesImpl(
      Jdbi jdbi, ReleasePlanner planner, ReplanStep replans, ReleaseLiveness liveness) {
    this(jdbi, planner, replans, liveness, ReleaseMetrics.none());
  }

  /** As above, counting each release once when its plan is first stored. */
  public PlanningActivitiesImpl(
      Jdbi jdbi,
      ReleasePlanner planner,
      ReplanStep replans,
      ReleaseLiveness liveness,
      ReleaseMetrics metrics) {
    this.metrics = metrics;
    this.jdbi = jdbi;
    this.planner = planner;
    this.replans = replans;
    this.holds = new TargetHolds(liveness);
  }

  /** Holders judged by the read model (tests and tools without Temporal). */
  public PlanningActivitiesImpl(Jdbi jdbi, ReleasePlanner planner, ReplanStep replans) {
    this(jdbi, planner, replans, ReleaseLiveness.ofReadModel(jdbi));
  }

  @Override
  public PlanSummary planRelease(ReleaseSpec spec) {
    return planAt(spec, ActivityClock.of(Activity.getExecutionContext().getInfo()).now());
  }

  /** Plans as of {@code now}: trust is scored with telemetry up to that moment. */
  PlanSummary planAt(ReleaseSpec spec, Instant now) {
    try (ReleaseContext ignored = ReleaseContext.enter(spec.releaseId(), 0)) {
      boolean[] created = {false};
      PlanSummary plan =
          jdbi.inTransaction(
              handle ->
                  stored(handle, spec.releaseId())
                      .orElseGet(
                          () -> {
                            created[0] = true;
                            return createPlan(handle, spec, now);
                          }));
      if (created[0]) {
        metrics.releaseStarted(spec.strategy().wireName());
      }
      return plan;
    }
  }

  @Override
  public int releaseTargets(String releaseId) {
    int released = jdbi.inTransaction(handle -> TargetHolds.releaseAll(handle, releaseId));
    log.info("release {} let go of {} targets", releaseId, released);
    return released;
  }

  @Override
  public ReplanResult replanRemaining(ReplanRequest request) {
    Instant now = ActivityClock.of(Activity.getExecutionContext().getInfo()).now();
    return replans.replan(request, now);
  }

  static String planIdFor(String releaseId) {
    return "plan-" + releaseId;
  }

  private PlanSummary createPlan(Handle handle, ReleaseSpec spec, Instant now) {
    List<Target> targets =
        handle.attach(TargetDao.class).forService(spec.service()).stream()
            .filter(spec.selector()::matches)
            .toList();
    if (targets.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "release %s: the selector matched no targets of service %s"
              .formatted(spec.releaseId(), spec.service()),
          ActivityErrors.NO_TARGETS);
    }
    // Before trust is scored and recorded: a release that cannot have its targets leaves no trace.
    holds.claim(handle, spec.releaseId(), targets.stream().map(Target::id).toList(), now);
    TrustPlan plan = planner.planAndRecord(spec, targets, now);
    List<PlannedWave> waves = plan.waves();
    String planId = planIdFor(spec.releaseId());
    PlanDao plans = handle.attach(PlanDao.class);
    int inserted =
        plans.insertPlan(
            planId, spec.releaseId(), spec.strategy().wireName(), targets.size(), waves.size());
    if (inserted == 0) {
      // A concurrent attempt committed its plan while we computed ours: theirs is the plan.
      return stored(handle, spec.releaseId())
          .orElseThrow(
              () -> new IllegalStateException("plan of " + spec.releaseId() + " vanished"));
    }
    List<WaveSummary> summaries = waves.stream().map(PlannedWave::summary).toList();
    plans.insertWaves(
        planId,
        summaries.stream().map(WaveSummary::index).toList(),
        summaries.stream().map(WaveSummary::targetCount).toList(),
        summaries.stream().map(w -> w.highestTier().wireName()).toList(),
        summaries.stream().map(WaveSummary::impact).toList(),
        waves.stream().map(PlannedWave::reason).toList());
    List<String> targetIds = new ArrayList<>(targets.size());
    List<Integer> waveNumbers = new ArrayList<>(targets.size());
    List<String> reasons = new ArrayList<>(targets.size());
    for (Placement placement : plan.placements()) {
      targetIds.add(placement.targetId());
      waveNumbers.add(placement.wave());
      reasons.add(placement.reason());
    }
    handle
        .attach(DeploymentDao.class)
        .insertPlanned(spec.releaseId(), targetIds, waveNumbers, spec.version(), reasons);
    log.info(
        "planned {}: {} targets in {} waves ({})",
        spec.releaseId(),
        targets.size(),
        waves.size(),
        spec.strategy().wireName());
    return new PlanSummary(planId, targets.size(), summaries);
  }

  private static Optional<PlanSummary> stored(Handle handle, String releaseId) {
    PlanDao plans = handle.attach(PlanDao.class);
    return plans
        .planIdForRelease(releaseId)
        .map(
            planId ->
                new PlanSummary(
                    planId, plans.targetCount(planId).orElseThrow(), plans.waves(planId)));
  }
}
