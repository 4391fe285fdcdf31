package io.waveguard.policy.controller;

import io.waveguard.policy.model.OperatorAction;
import io.waveguard.policy.model.OperatorCommand;
import io.waveguard.policy.model.ReleaseStatus;
import java.util.Optional;

/**
 * Which operator actions a release accepts in each phase, and what an accepted one does. Checking
 * never changes anything, so a rejected command leaves the release exactly as it was.
 */
final class OperatorRules {

  private final ReleaseProgress p;
  private final RollbackSteps rollback;

  OperatorRules(ReleaseProgress progress, RollbackSteps rollback) {
    this.p = progress;
    this.rollback = rollback;
  }

  Optional<String> rejection(OperatorAction action) {
    if (p.phase == Phase.DONE) {
      return Optional.of("release is already " + p.finalStatus);
    }
    if (p.phase == Phase.ROLLBACK || p.phase == Phase.ROLLBACK_CHECK) {
      return Optional.of("release is rolling back");
    }
    if (p.phase == Phase.WAIT_FOR_TARGETS && action != OperatorAction.ABORT) {
      // Nothing is planned yet, so there is nothing to pause, resume or approve; abort ends it.
      return Optional.of("release is waiting for its targets (" + p.heldBy + ")");
    }
    if (p.phase == Phase.ROLLBACK_INCOMPLETE) {
      return action == OperatorAction.RETRY_ROLLBACK || action == OperatorAction.ABORT
          ? Optional.empty()
          : Optional.of("release's rollback is incomplete: retry-rollback, or abort to give up");
    }
    return switch (action) {
      case PAUSE -> p.paused ? Optional.of("release is already paused") : Optional.empty();
      case RESUME -> p.paused ? Optional.empty() : Optional.of("release is not paused");
      case APPROVE ->
          p.awaitingApproval() ? Optional.empty() : Optional.of("no wave is awaiting approval");
      case ABORT -> Optional.empty();
      case RETRY_ROLLBACK -> Optional.of("no rollback of this release has failed");
    };
  }

  void apply(OperatorAction action, OperatorCommand command) {
    Optional<String> rejected = rejection(action);
    if (rejected.isPresent()) {
      throw new TransitionRejectedException(rejected.get());
    }
    String by = command.operator() + ": " + command.reason();
    switch (action) {
      case PAUSE -> {
        p.paused = true;
        p.pauseReason = "paused by " + by;
        p.changed();
      }
      case RESUME -> resume(by);
      case APPROVE -> {
        // One approval covers every tier of the wave that waited for it.
        p.approvedTiers.addAll(p.tiersAwaitingApproval(p.wave));
        p.changed();
      }
      case ABORT -> abort("aborted by " + by);
      case RETRY_ROLLBACK -> rollback.retry(by);
    }
  }

  private void resume(String by) {
    p.paused = false;
    p.pauseReason = null;
    if (p.phase == Phase.HOLD_AFTER_LAST) {
      p.finish(ReleaseStatus.COMPLETED, "last wave accepted by " + by);
    } else {
      p.changed();
    }
  }

  private void abort(String reason) {
    if (p.phase == Phase.ROLLBACK_INCOMPLETE) {
      // Giving up: the release ends, still naming what runs the new build.
      p.finish(ReleaseStatus.FAILED, p.outcomeReason + "; rollback given up, " + reason);
      return;
    }
    p.paused = false;
    int deployed = Math.max(p.deployedThrough, p.deployingWave);
    if (deployed == 0) {
      p.finish(ReleaseStatus.ABORTED, reason);
    } else {
      p.startRollback(ReleaseStatus.ABORTED, reason);
    }
  }
}
