package io.waveguard.workflows.activities;

import io.waveguard.policy.model.ReleasePolicy;

/** Asks for the rest of a release's plan to be re-ranked before {@code nextWave} starts. */
public record ReplanRequest(String releaseId, String planId, int nextWave, ReleasePolicy policy) {}
