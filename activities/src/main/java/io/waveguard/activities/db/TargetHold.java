package io.waveguard.activities.db;

/** One target and the release that holds it. */
public record TargetHold(String targetId, String releaseId) {}
