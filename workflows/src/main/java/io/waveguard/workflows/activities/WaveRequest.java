package io.waveguard.workflows.activities;

/** Names one wave of one release's stored plan; the activity loads the targets itself. */
public record WaveRequest(String releaseId, String planId, String version, int wave) {}
