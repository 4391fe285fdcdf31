package io.waveguard.activities.release;

import io.temporal.failure.ApplicationFailure;
import io.waveguard.activities.db.AuditDao;
import io.waveguard.activities.db.TargetHold;
import io.waveguard.activities.db.TargetHoldDao;
import io.waveguard.workflows.activities.ActivityErrors;
import io.waveguard.workflows.activities.TargetsHeld;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Claims a release's targets, all or nothing, inside the caller's transaction: free targets are
 * held, targets of a release that no longer runs are taken over (and the take-over audited), and
 * any target of a running release fails the claim with {@link ActivityErrors#TARGETS_HELD}, which
 * rolls the whole transaction back. Claiming again for the same release changes nothing.
 */
final class TargetHolds {

  /** Rounds of hold, find holders, take over stale ones; a third round only follows a race. */
  private static final int MAX_ROUNDS = 3;

  private final ReleaseLiveness liveness;

  TargetHolds(ReleaseLiveness liveness) {
    this.liveness = liveness;
  }

  void claim(Handle handle, String releaseId, List<String> targetIds, Instant at) {
    TargetHoldDao holds = handle.attach(TargetHoldDao.class);
    String[] ids = targetIds.stream().distinct().sorted().toArray(String[]::new);
    Timestamp now = Timestamp.from(at);
    for (int round = 0; round < MAX_ROUNDS; round++) {
      holds.holdFree(releaseId, ids, now);
      List<TargetHold> others = holds.heldByOthers(releaseId, ids);
      if (others.isEmpty()) {
        return;
      }
      List<String> live = new ArrayList<>();
      String firstLiveHolder = null;
      for (Map.Entry<String, List<String>> holder : byHolder(others).entrySet()) {
        if (liveness.isRunning(holder.getKey())) {
          firstLiveHolder = firstLiveHolder == null ? holder.getKey() : firstLiveHolder;
          live.addAll(holder.getValue());
        } else {
          takeOver(handle, releaseId, holder.getKey(), holder.getValue(), now);
        }
      }
      if (!live.isEmpty()) {
        throw held(releaseId, firstLiveHolder, live.stream().sorted().toList());
      }
      // Stale holds moved to us; one more round holds any target released in between.
    }
    throw new IllegalStateException(
        "the holds of release %s's targets kept changing; retrying".formatted(releaseId));
  }

  /** Idempotent: a release that holds nothing any more releases nothing. */
  static int releaseAll(Handle handle, String releaseId) {
    return handle.attach(TargetHoldDao.class).releaseAll(releaseId);
  }

  private static Map<String, List<String>> byHolder(List<TargetHold> holds) {
    Map<String, List<String>> byHolder = new LinkedHashMap<>();
    holds.forEach(
        h -> byHolder.computeIfAbsent(h.releaseId(), r -> new ArrayList<>()).add(h.targetId()));
    return byHolder;
  }

  private static void takeOver(
      Handle handle, String releaseId, String stale, List<String> targetIds, Timestamp at) {
    int moved =
        handle
            .attach(TargetHoldDao.class)
            .takeOver(releaseId, stale, targetIds.toArray(String[]::new), at);
    if (moved > 0) {
      handle
          .attach(AuditDao.class)
          .append(
              releaseId,
              "take-over-targets",
              ReplanStep.SYSTEM_OPERATOR,
              "took over %d targets held by release %s, which has ended or no longer runs (its"
                      .formatted(moved, stale)
                  + " workflow reached its final status or closed without letting go of them)",
              "RECORDED",
              stale);
    }
  }

  private static ApplicationFailure held(String releaseId, String holder, List<String> held) {
    TargetsHeld details =
        new TargetsHeld(
            holder, held.size(), held.subList(0, Math.min(held.size(), TargetsHeld.SAMPLE_SIZE)));
    return ApplicationFailure.newNonRetryableFailure(
        "release %s: %s".formatted(releaseId, details.describe()),
        ActivityErrors.TARGETS_HELD,
        details);
  }
}
