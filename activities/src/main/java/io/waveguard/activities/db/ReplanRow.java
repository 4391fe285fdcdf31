package io.waveguard.activities.db;

/** A stored re-plan before {@code nextWave}; {@code hold} is null when the wave may start. */
public record ReplanRow(
    String releaseId, int nextWave, int moved, double cohortTrust, String hold, String reason) {}
