package io.waveguard.simulatedfleet.deploy;

/**
 * What the simulated fleet did for one (release, target, action).
 *
 * @param appliedCount how often the action took effect: more than 1 means a target was really
 *     deployed (or rolled back) twice
 * @param deliveryCount how often it was asked, repeats of the same batch key included
 */
public record FleetLogEntry(
    String releaseId,
    String targetId,
    String action,
    int wave,
    String version,
    String batchKey,
    int appliedCount,
    int deliveryCount) {}
