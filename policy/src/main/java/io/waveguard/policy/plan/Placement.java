package io.waveguard.policy.plan;

import io.waveguard.policy.model.Tier;

/**
 * Where the trust-weighted planner put one target and why, so a dry run explains every placement.
 *
 * @param targetId the target
 * @param wave the 1-based index of the wave holding it
 * @param tier the target's tier
 * @param impact tier weight × size
 * @param trustLowerBound the lower credible bound of its trust used (the prior's when it had none)
 * @param risk impact × (1 − trustLowerBound)
 * @param reason a human-readable account of the placement
 */
public record Placement(
    String targetId,
    int wave,
    Tier tier,
    double impact,
    double trustLowerBound,
    double risk,
    String reason) {}
