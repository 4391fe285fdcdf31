package io.waveguard.api.demo;

import io.waveguard.policy.model.ReleaseStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the demo's releases ended, or stood when the demo stopped waiting.
 *
 * @param statuses release id to status, in the order the releases were started
 */
public record DemoOutcome(Map<String, ReleaseStatus> statuses) {

  public DemoOutcome {
    // Keeps the start order; a release never seen has no status yet (null).
    statuses = Collections.unmodifiableMap(new LinkedHashMap<>(statuses));
  }

  /** The good release completed and the faulty one was rolled back. */
  public boolean isExpected() {
    return DemoScenario.isExpected(statuses);
  }

  public int exitCode() {
    return isExpected() ? 0 : 1;
  }

  /** One line per release: {@code release <id> <STATUS>}. */
  public List<String> lines() {
    return statuses.entrySet().stream()
        .map(e -> "release " + e.getKey() + " " + (e.getValue() == null ? "UNKNOWN" : e.getValue()))
        .toList();
  }
}
