package io.waveguard.activities.db;

import java.time.Instant;

/**
 * One target's deployment within a release.
 *
 * @param state PENDING, DEPLOYED or ROLLED_BACK
 * @param deployCount how often a deploy of it was confirmed (exactly once when all is well)
 * @param inFlightAction "deploy" or "rollback" while a batch holding this target is with the
 *     deployer and not yet confirmed; null otherwise
 * @param inFlightKey the idempotency key of that batch
 * @param deployedAt when the deploy was confirmed, on Temporal's clock; null while pending
 * @param rolledBackAt when the rollback was confirmed; null unless rolled back
 */
public record TargetDeployment(
    String releaseId,
    String targetId,
    int wave,
    String version,
    String state,
    int deployCount,
    int rollbackCount,
    String inFlightAction,
    String inFlightKey,
    Instant deployedAt,
    Instant rolledBackAt) {

  public boolean isDeployed() {
    return "DEPLOYED".equals(state);
  }

  public boolean isPending() {
    return "PENDING".equals(state);
  }

  public boolean isRolledBack() {
    return "ROLLED_BACK".equals(state);
  }
}
