package io.waveguard.activities.release;

import io.waveguard.activities.telemetry.TargetTelemetry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The per-wave gate's baselines, read once per release and window on this worker. A release's
 * baseline window ends at its first deploy, so it lies in the past for every gate after the first:
 * each later wave and every extended bake asks again for the same window, for targets it already
 * read (a later wave's deployed and pending targets were all pending before). At 20,000 targets
 * that read was 0.2–0.3 s of every gate. A worker that restarts, or another worker, reads it again;
 * telemetry for that window pushed after a worker's first read is not seen by its later gates of
 * the release.
 */
final class BaselineCache {

  /** Targets held across all releases; the least recently gated releases go first beyond it. */
  static final int MAX_TARGETS = 200_000;

  private record Key(String releaseId, Instant from, Instant to) {}

  /** The targets asked for (with or without telemetry) and the telemetry of those that had some. */
  private static final class Entry {
    final Set<String> asked = new HashSet<>();
    final Map<String, TargetTelemetry> byTarget = new HashMap<>();
  }

  private final int maxTargets;
  private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private int heldTargets;

  BaselineCache() {
    this(MAX_TARGETS);
  }

  BaselineCache(int maxTargets) {
    this.maxTargets = maxTargets;
  }

  /**
   * The baselines of {@code ids} over [from, to): those this worker read before for the release,
   * and {@code read} of the others. Only targets with telemetry are in the answer, as in a read's.
   */
  Map<String, TargetTelemetry> baselines(
      String releaseId,
      Instant from,
      Instant to,
      List<String> ids,
      Function<List<String>, Map<String, TargetTelemetry>> read) {
    Key key = new Key(releaseId, from, to);
    List<String> missing = missing(key, ids);
    // Read outside the lock: gates of other releases do not wait for this one's telemetry.
    Map<String, TargetTelemetry> fresh = missing.isEmpty() ? Map.of() : read.apply(missing);
    synchronized (this) {
      Entry entry = entries.computeIfAbsent(key, k -> new Entry());
      for (String id : missing) {
        if (entry.asked.add(id)) {
          heldTargets++;
        }
      }
      entry.byTarget.putAll(fresh);
      Map<String, TargetTelemetry> answer = new LinkedHashMap<>(ids.size() * 2);
      for (String id : ids) {
        TargetTelemetry baseline = entry.byTarget.get(id);
        if (baseline != null) {
          answer.put(id, baseline);
        }
      }
      evictBeyondBound(key);
      return answer;
    }
  }

  /** Targets held, across releases. */
  synchronized int heldTargets() {
    return heldTargets;
  }

  private synchronized List<String> missing(Key key, List<String> ids) {
    Entry entry = entries.get(key);
    if (entry == null) {
      return ids;
    }
    List<String> missing = new ArrayList<>();
    for (String id : ids) {
      if (!entry.asked.contains(id)) {
        missing.add(id);
      }
    }
    return missing;
  }

  /**
   * Drops the least recently used releases' baselines until the bound holds, never {@code kept}.
   */
  private void evictBeyondBound(Key kept) {
    Iterator<Map.Entry<Key, Entry>> oldestFirst = entries.entrySet().iterator();
    while (heldTargets > maxTargets && oldestFirst.hasNext()) {
      Map.Entry<Key, Entry> oldest = oldestFirst.next();
      if (!oldest.getKey().equals(kept)) {
        heldTargets -= oldest.getValue().asked.size();
        oldestFirst.remove();
      }
    }
  }
}
