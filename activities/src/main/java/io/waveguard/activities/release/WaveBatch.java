package io.waveguard.activities.release;

import io.waveguard.activities.db.TargetDeployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Targets sent to the deployer in one call.
 *
 * @param claimKey the key under which an earlier attempt claimed these targets, or null for a fresh
 *     batch that still has to be claimed
 */
record WaveBatch(List<String> targetIds, String claimKey) {

  WaveBatch {
    targetIds = List.copyOf(targetIds);
  }

  boolean isClaimed() {
    return claimKey != null;
  }

  /**
   * Unconfirmed batches first, each exactly as it was sent before, so its idempotency key repeats
   * and the deployer can recognise it; then the remaining targets in id order, {@code size} at a
   * time.
   */
  static List<WaveBatch> plan(List<TargetDeployment> rows, WaveAction action, int size) {
    Map<String, List<String>> inFlight = new LinkedHashMap<>();
    List<String> toDo = new ArrayList<>();
    for (TargetDeployment row : rows) {
      if (action.isInFlight(row)) {
        inFlight.computeIfAbsent(row.inFlightKey(), k -> new ArrayList<>()).add(row.targetId());
      } else if (action.isToDo(row)) {
        toDo.add(row.targetId());
      }
    }
    List<WaveBatch> batches = new ArrayList<>();
    inFlight.forEach((key, ids) -> batches.add(new WaveBatch(ids, key)));
    for (int from = 0; from < toDo.size(); from += size) {
      batches.add(new WaveBatch(toDo.subList(from, Math.min(toDo.size(), from + size)), null));
    }
    return batches;
  }
}
