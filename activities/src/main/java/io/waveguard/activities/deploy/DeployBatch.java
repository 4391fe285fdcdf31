package io.waveguard.activities.deploy;

import io.waveguard.activities.StableHash;
import java.util.List;

/** A slice of one wave handed to a {@link Deployer} in a single call. */
public record DeployBatch(String releaseId, int wave, String version, List<String> targetIds) {

  public DeployBatch {
    targetIds = List.copyOf(targetIds);
  }

  /**
   * {@code releaseId:wave:action:hash-of-targets}. The same targets give the same key whatever
   * their order, so a batch re-sent after a crash is recognisable as a repeat.
   */
  public String idempotencyKey(DeployAction action) {
    return "%s:%d:%s:%s".formatted(releaseId, wave, action.wireName(), targetsHash());
  }

  private String targetsHash() {
    return StableHash.hex(String.join("\n", targetIds.stream().sorted().toList()));
  }
}
