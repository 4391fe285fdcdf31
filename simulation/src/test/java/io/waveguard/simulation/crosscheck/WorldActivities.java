package io.waveguard.simulation.crosscheck;

import io.temporal.activity.Activity;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.policy.model.StrandedTargets;
import io.waveguard.policy.model.WaveSummary;
import io.waveguard.simulation.engine.DecisionTrace;
import io.waveguard.simulation.engine.ReleaseRun;
import io.waveguard.simulation.engine.ReplanOutcome;
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
import io.waveguard.workflows.activities.TrustActivities;
import io.waveguard.workflows.activities.WaveDeployment;
import io.waveguard.workflows.activities.WaveRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workflow's activity interfaces over a simulated world: each call does what the simulator does
 * for the same command, through the same {@link ReleaseRun}, and records the same trace. Bake
 * periods are read off the test server's virtual clock (when a wave's deploy was scheduled, where
 * the gate's window ends), the only place the two bodies' bookkeeping differs.
 */
final class WorldActivities
    implements PlanningActivities,
        DeploymentActivities,
        GateActivities,
        ReleaseRecordActivities,
        TrustActivities {

  private record Release(ReleaseRun run, DecisionTrace trace, Map<Integer, Long> deployedAt) {}

  private final Map<String, Release> releases = new ConcurrentHashMap<>();

  void register(String releaseId, ReleaseRun run, DecisionTrace trace) {
    releases.put(releaseId, new Release(run, trace, new ConcurrentHashMap<>()));
  }

  /** The simulated world runs one release at a time: it holds no targets to let go of. */
  @Override
  public int releaseTargets(String releaseId) {
    return 0;
  }

  @Override
  public PlanSummary planRelease(ReleaseSpec spec) {
    Release release = releases.get(spec.releaseId());
    List<WaveSummary> waves = release.run().plan();
    release.trace().planned(waves);
    int targets = waves.stream().mapToInt(WaveSummary::targetCount).sum();
    return new PlanSummary("plan-" + spec.releaseId(), targets, waves);
  }

  @Override
  public WaveDeployment deployWave(WaveRequest request) {
    Release release = releases.get(request.releaseId());
    long scheduled = Activity.getExecutionContext().getInfo().getScheduledTimestamp();
    release.deployedAt().put(request.wave(), scheduled);
    release.run().deploy(request.wave());
    release.trace().deployed(request.wave());
    int size = release.run().waves().get(request.wave() - 1).targets().size();
    return new WaveDeployment(request.wave(), size, size, 0);
  }

  @Override
  public GateResult evaluateWave(GateRequest request) {
    Release release = releases.get(request.releaseId());
    long end = request.windowEnd().toEpochMilli();
    long deployed = release.deployedAt().get(request.wave());
    long stepMillis = Math.round(release.run().stepMinutes() * 60_000);
    int window =
        (int) Math.round((end - request.windowStart().toEpochMilli()) / (double) stepMillis);
    int baked = (int) Math.round((end - deployed) / (double) stepMillis);
    release.run().bakedPeriods(request.wave(), baked);
    GateResult result =
        request.policy().hasSequentialGate()
            ? release.run().sequentialGate(request.entryTier())
            : release.run().gate(request.wave(), window);
    release.trace().gateEvaluated(request.wave(), baked - 1, window, result);
    return result;
  }

  @Override
  public ReplanResult replanRemaining(ReplanRequest request) {
    Release release = releases.get(request.releaseId());
    ReplanOutcome outcome = release.run().replan(request.nextWave());
    release.trace().replanned(request.nextWave(), outcome.remaining(), outcome.hold());
    double trust = Double.isNaN(outcome.cohortTrust()) ? 0 : outcome.cohortTrust();
    return new ReplanResult(
        outcome.remaining(),
        outcome.movedTargets(),
        trust,
        outcome.hold().orElse(null),
        outcome.reason());
  }

  @Override
  public WaveDeployment rollBackWave(WaveRequest request) {
    Release release = releases.get(request.releaseId());
    release.run().rollBack(request.wave());
    release.trace().rolledBack(request.wave());
    int size = release.run().waves().get(request.wave() - 1).targets().size();
    return new WaveDeployment(request.wave(), size, size, 0);
  }

  /** The simulated world's deploys are instant: there is never one in flight to fence. */
  @Override
  public void fenceDeploys(String releaseId) {}

  /** The simulated world's rollbacks never fail, so nothing is ever stranded. */
  @Override
  public StrandedTargets listStrandedTargets(String releaseId) {
    return StrandedTargets.NONE;
  }

  @Override
  public OutcomeSummary recordReleaseOutcomes(OutcomeRequest request) {
    return new OutcomeSummary(0, 0, 0, 1.0);
  }

  @Override
  public void recordRelease(ReleaseSnapshot snapshot) {}
}
