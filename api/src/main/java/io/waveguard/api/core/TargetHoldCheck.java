package io.waveguard.api.core;

import io.waveguard.activities.db.TargetHold;
import io.waveguard.activities.db.TargetHoldDao;
import io.waveguard.activities.release.ReleaseLiveness;
import io.waveguard.api.errors.ApiException;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.policy.model.Target;
import io.waveguard.workflows.activities.TargetsHeld;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Refuses a start whose targets another running release holds (409 naming the holder and the
 * targets), before anything is started. Only advisory: two starts can pass it at once, and the plan
 * activity's claim in PostgreSQL decides between them. A hold whose release's workflow no longer
 * runs is stale and does not count; the new release's claim takes it over.
 */
public final class TargetHoldCheck {

  private final TargetHoldDao holds;
  private final ReleaseLiveness liveness;

  public TargetHoldCheck(TargetHoldDao holds, ReleaseLiveness liveness) {
    this.holds = holds;
    this.liveness = liveness;
  }

  /**
   * @throws ApiException 409 {@code targets_held} when a running release holds some of the selected
   *     targets and the release's policy does not say wait
   */
  public void refuseHeld(ReleaseSpec spec, List<Target> selected) {
    if (spec.policy().waitsForHeldTargets()) {
      return;
    }
    String[] ids = selected.stream().map(Target::id).toArray(String[]::new);
    Map<String, List<String>> byHolder = new LinkedHashMap<>();
    for (TargetHold hold : holds.heldByOthers(spec.releaseId(), ids)) {
      byHolder.computeIfAbsent(hold.releaseId(), r -> new ArrayList<>()).add(hold.targetId());
    }
    String holder = null;
    List<String> held = new ArrayList<>();
    for (Map.Entry<String, List<String>> entry : byHolder.entrySet()) {
      if (liveness.isRunning(entry.getKey())) {
        holder = holder == null ? entry.getKey() : holder;
        held.addAll(entry.getValue());
      }
    }
    if (held.isEmpty()) {
      return;
    }
    List<String> sorted = held.stream().sorted().toList();
    TargetsHeld details =
        new TargetsHeld(
            holder,
            sorted.size(),
            sorted.subList(0, Math.min(sorted.size(), TargetsHeld.SAMPLE_SIZE)));
    throw new ApiException(
        409,
        "targets_held",
        "selector",
        ("%s; a target belongs to one running release at a time. Narrow the selector, wait for"
                + " or abort %s, or set policy.whenTargetsHeld to \"wait\"")
            .formatted(details.describe(), holder));
  }
}
