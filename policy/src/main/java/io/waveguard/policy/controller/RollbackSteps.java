package io.waveguard.policy.controller;

import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.StrandedTargets;
import io.waveguard.policy.model.WaveStatus;

/**
 * How a rollback goes on after each wave: every deployed wave is tried, highest first, even when
 * one fails; once all were, a failure leads to listing what still runs the new build and holding
 * the release for an operator.
 */
final class RollbackSteps {

  private final ReleaseProgress p;

  RollbackSteps(ReleaseProgress progress) {
    this.p = progress;
  }

  void rolledBack(int w) {
    if (p.phase != Phase.ROLLBACK || p.rollback.current() != w) {
      return;
    }
    p.setWaveStatus(w, WaveStatus.ROLLED_BACK);
    p.rollback.undone(w);
    afterStep();
  }

  void failed(int w, String reason) {
    if (p.phase != Phase.ROLLBACK) {
      return;
    }
    if (!p.completeRollback) {
      p.finish(ReleaseStatus.FAILED, "rollback of wave " + w + " failed: " + reason);
      return;
    }
    if (p.rollback.current() != w) {
      return;
    }
    p.setWaveStatus(w, WaveStatus.ROLLBACK_FAILED);
    p.rollback.failed(w, reason);
    afterStep();
  }

  private void afterStep() {
    if (p.rollback.current() != 0) {
      return;
    }
    if (p.rollback.hasFailures()) {
      p.phase = Phase.ROLLBACK_CHECK;
      p.changed();
    } else {
      p.finish(p.rollback.outcome(), p.outcomeReason);
    }
  }

  void strandedListed(StrandedTargets stranded) {
    if (p.phase != Phase.ROLLBACK_CHECK) {
      return;
    }
    p.rollback.stranded(stranded);
    if (stranded.isEmpty()) {
      p.finish(p.rollback.outcome(), p.outcomeReason);
      return;
    }
    holdIncomplete(
        "rollback incomplete (%s): %s still run the new build"
            .formatted(p.rollback.failureSummary(), stranded.describe()));
  }

  void strandedUnknown(String reason) {
    if (p.phase == Phase.ROLLBACK_CHECK) {
      holdIncomplete(
          "rollback incomplete (%s); the targets still on the new build could not be listed: %s"
              .formatted(p.rollback.failureSummary(), reason));
    }
  }

  /** An operator re-drives the failed waves' rollbacks. */
  void retry(String by) {
    p.phase = Phase.ROLLBACK;
    p.outcomeReason = p.rollback.reason() + "; rollback retried by " + by;
    p.rollback.retry();
    p.changed();
  }

  private void holdIncomplete(String reason) {
    p.phase = Phase.ROLLBACK_INCOMPLETE;
    p.outcomeReason = p.rollback.reason() + "; " + reason;
    p.changed();
  }
}
