package io.waveguard.workflows.release;

import io.temporal.failure.ApplicationFailure;
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
import io.waveguard.workflows.model.GateResult;
import io.waveguard.workflows.model.ReleaseSpec;
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

  private final InMemoryReleaseActivities.Fleet fleet;
  private final InMemoryReleaseActivities delegate;
  private volatile IntPredicate replanFails = wave -> false;
  private volatile boolean outcomeFails;

  FaultInjectingActivities(InMemoryReleaseActivities.Fleet fleet) {
    this.fleet = fleet;
    this.delegate = new InMemoryReleaseActivities(fleet);
  }

  /** Makes re-planning before the matching waves fail for good. */
  FaultInjectingActivities failReplanBefore(IntPredicate nextWave) {
    this.replanFails = nextWave;
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
    return delegate.deployWave(request);
  }

  @Override
  public WaveDeployment rollBackWave(WaveRequest request) {
    return delegate.rollBackWave(request);
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
