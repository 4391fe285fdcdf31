package io.waveguard.policy.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * Targets a rollback could not undo: they still run the release's build, or may (a rollback was
 * sent and never confirmed). Listed from the deployments table after the rollback tried every wave.
 *
 * @param count how many targets there are in all
 * @param targetIds their ids in order, at most {@link #MAX_LISTED} of them, so a huge fleet never
 *     bloats the workflow history; the deployments table has the rest
 */
public record StrandedTargets(int count, List<String> targetIds) {

  /** How many ids travel through history and the release view. */
  public static final int MAX_LISTED = 1000;

  public static final StrandedTargets NONE = new StrandedTargets(0, List.of());

  public StrandedTargets {
    if (count < 0 || targetIds.size() > count || targetIds.size() > MAX_LISTED) {
      throw new IllegalArgumentException(
          "stranded targets: %d listed of %d".formatted(targetIds.size(), count));
    }
    targetIds = List.copyOf(targetIds);
  }

  /** The first {@link #MAX_LISTED} of the ids, with the full count. */
  public static StrandedTargets of(List<String> allIds) {
    return new StrandedTargets(
        allIds.size(), allIds.subList(0, Math.min(allIds.size(), MAX_LISTED)));
  }

  @JsonIgnore
  public boolean isEmpty() {
    return count == 0;
  }

  /** "3 targets: a, b, c", or "1500 targets: a, ..., (and 500 more)" past the listed ones. */
  public String describe() {
    String listed = String.join(", ", targetIds);
    String more =
        count > targetIds.size() ? " (and %d more)".formatted(count - targetIds.size()) : "";
    return "%d target%s: %s%s".formatted(count, count == 1 ? "" : "s", listed, more);
  }
}
