package io.waveguard.activities.db;

/**
 * One target's deployment within a release.
 *
 * @param state PENDING, DEPLOYED or ROLLED_BACK
 * @param deployCount how often a deployer was asked to deploy it (exactly once when all is well)
 */
public record TargetDeployment(
    String releaseId,
    String targetId,
    int wave,
    String version,
    String state,
    int deployCount,
    int rollbackCount) {}
