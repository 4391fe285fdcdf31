package io.waveguard.workflows.release;

import io.temporal.activity.Activity;
import io.temporal.client.ActivityCanceledException;
import io.temporal.failure.ApplicationFailure;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.policy.model.StrandedTargets;
import io.waveguard.policy.model.Target;
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
import io.waveguard.workflows.activities.TrustActivities;
import io.waveguard.workflows.activities.WaveDeployment;
import io.waveguard.workflows.activities.WaveRequest;
import java.time.Duration;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * {@link InMemoryReleaseActivities} with re-planning and trust feedback that can be made to fail
 * for good (non-retryable), recording "replan-failed:N" and "outcome-failed:STATUS" in the fleet's
 * calls.
 */
final class FaultInjectingActivities
    implements PlanningActivities,
        DeploymentActivities,
        GateActivities,
        ReleaseRecordActivities,
        TrustActivities {

  static final String REPLAN_FAILURE = "trust store unavailable";
  static final String OUTCOME_FAILURE = "outcome store unavailable";
  static final String ROLLBACK_FAILURE = "deployer answered 403: rollback not allowed";

  private final InMemoryReleaseActivities.Fleet fleet;
  private final InMemoryReleaseActivities delegate;
  private volatile IntPredicate replanFails = wave -> false;
  private volatile boolean outcomeFails;
  private volatile IntPredicate rollbackFails = wave -> false;
  private volatile Duration perTargetDeploy;
  private volatile boolean deployIgnoresFence;

  FaultInjectingActivities(InMemoryReleaseActivities.Fleet fleet) {
    this(fleet, new InMemoryReleaseActivities(fleet));
  }

  /** Faults on top of a scripted delegate (gate verdicts, holds) over the same fleet. */
  FaultInjectingActivities(
      InMemoryReleaseActivities.Fleet fleet, InMemoryReleaseActivities delegate) {
    this.fleet = fleet;
    this.delegate = delegate;
  }

  /** Makes re-planning before the matching waves fail for good. */
  FaultInjectingActivities failReplanBefore(IntPredicate nextWave) {
    this.replanFails = nextWave;
    return this;
  }

  /** Makes rolling back the matching waves fail for good, until changed again. */
  FaultInjectingActivities failRollbackOf(IntPredicate wave) {
    this.rollbackFails = wave;
    return this;
  }

  /**
   * Makes deploys slow: one target at a time, a heartbeat before each, so a cancelled attempt stops
   * part-way ("deploy-target:ID" per target, "deploy-cancelled:N" when it stops).
   */
  FaultInjectingActivities deployOneTargetAt(Duration pause) {
    this.perTargetDeploy = pause;
    return this;
  }

  /** Makes the slow deploy deaf to the fence, like one stuck inside a deployer call. */
  FaultInjectingActivities deployIgnoresFence() {
    this.deployIgnoresFence = true;
    return this;
  }

  /** Makes every outcome feedback fail for good. */
  FaultInjectingActivities failOutcomes() {
    this.outcomeFails = true;
    return this;
  }

  @Override
  public PlanSummary planRelease(ReleaseSpec spec) {
    return delegate.planRelease(spec);
  }

  @Override
  public int releaseTargets(String releaseId) {
    return delegate.releaseTargets(releaseId);
  }

  @Override
  public ReplanResult replanRemaining(ReplanRequest request) {
    if (replanFails.test(request.nextWave())) {
      fleet.calls.add("replan-failed:" + request.nextWave());
      throw ApplicationFailure.newNonRetryableFailure(REPLAN_FAILURE, "TRUST_UNAVAILABLE");
    }
    return delegate.replanRemaining(request);
  }

  @Override
  public WaveDeployment deployWave(WaveRequest request) {
    Duration pause = perTargetDeploy;
    if (pause == null) {
      return delegate.deployWave(request);
    }
    fleet.calls.add("deploy:" + request.wave());
    List<Target> targets = fleet.plans.get(request.releaseId()).get(request.wave() - 1).targets();
    int done = 0;
    try {
      for (Target target : targets) {
        if (!deployIgnoresFence && fleet.fenced.contains(request.releaseId())) {
          fleet.calls.add("deploy-fenced:" + request.wave());
          throw ApplicationFailure.newNonRetryableFailure(
              "release is rolling back", ActivityErrors.ROLLBACK_FENCED);
        }
        Activity.getExecutionContext().heartbeat(done);
        Thread.sleep(pause.toMillis());
        fleet.deployCounts.merge(target.id(), 1, Integer::sum);
        fleet.calls.add("deploy-target:" + target.id());
        done++;
      }
    } catch (ActivityCanceledException cancelled) {
      fleet.calls.add("deploy-cancelled:" + request.wave());
      throw cancelled;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return new WaveDeployment(request.wave(), targets.size(), done, 0);
  }

  @Override
  public WaveDeployment rollBackWave(WaveRequest request) {
    if (rollbackFails.test(request.wave())) {
      fleet.calls.add("rollback-failed:" + request.wave());
      throw ApplicationFailure.newNonRetryableFailure(ROLLBACK_FAILURE, "DEPLOY_REJECTED");
    }
    return delegate.rollBackWave(request);
  }

  @Override
  public void fenceDeploys(String releaseId) {
    delegate.fenceDeploys(releaseId);
  }

  @Override
  public StrandedTargets listStrandedTargets(String releaseId) {
    return delegate.listStrandedTargets(releaseId);
  }

  @Override
  public GateResult evaluateWave(GateRequest request) {
    return delegate.evaluateWave(request);
  }

  @Override
  public OutcomeSummary recordReleaseOutcomes(OutcomeRequest request) {
    if (outcomeFails) {
      fleet.calls.add("outcome-failed:" + request.finalStatus());
      throw ApplicationFailure.newNonRetryableFailure(OUTCOME_FAILURE, "TRUST_UNAVAILABLE");
    }
    return delegate.recordReleaseOutcomes(request);
  }

  @Override
  public void recordRelease(ReleaseSnapshot snapshot) {
    delegate.recordRelease(snapshot);
  }
}
