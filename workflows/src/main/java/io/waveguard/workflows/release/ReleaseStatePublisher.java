package io.waveguard.workflows.release;

import io.temporal.workflow.Workflow;
import io.waveguard.policy.controller.ReleaseStateMachine;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.workflows.activities.ReleaseSnapshot;
import java.time.Instant;
import java.util.Objects;

/**
 * Keeps the Web UI's search attributes and the read model in step with the release, writing only
 * when status or wave changed so history grows with waves, not with every wake-up.
 */
final class ReleaseStatePublisher {

  private ReleaseStatus lastStatus;
  private int lastWave = -1;
  private String lastReason;

  void start(ReleaseSpec spec) {
    Workflow.upsertTypedSearchAttributes(
        ReleaseSearchAttributes.SERVICE.valueSet(spec.service()),
        ReleaseSearchAttributes.VERSION.valueSet(spec.version()),
        ReleaseSearchAttributes.STRATEGY.valueSet(spec.strategy().wireName()));
  }

  /** The snapshot to record when something visible changed, else null. */
  ReleaseSnapshot changed(ReleaseSpec spec, ReleaseStateMachine machine, Instant now) {
    ReleaseStatus status = machine.status();
    int wave = machine.currentWave();
    String reason = machine.pauseReason() != null ? machine.pauseReason() : machine.outcomeReason();
    if (machine.windowWait() != null) {
      reason = machine.windowWait();
    }
    if (machine.heldBy() != null) {
      reason = machine.heldBy();
    }
    if (status == lastStatus && wave == lastWave && Objects.equals(reason, lastReason)) {
      return null;
    }
    if (status != lastStatus || wave != lastWave) {
      Workflow.upsertTypedSearchAttributes(
          ReleaseSearchAttributes.STATUS.valueSet(status.name()),
          ReleaseSearchAttributes.WAVE.valueSet((long) wave));
    }
    lastStatus = status;
    lastWave = wave;
    lastReason = reason;
    return new ReleaseSnapshot(
        spec.releaseId(),
        spec.service(),
        spec.version(),
        spec.strategy(),
        status,
        wave,
        machine.waves().size(),
        reason,
        now);
  }
}
