package io.waveguard.activities.db;

/** The release version a target ran at some moment. */
public record TargetVersion(String targetId, String version) {}
