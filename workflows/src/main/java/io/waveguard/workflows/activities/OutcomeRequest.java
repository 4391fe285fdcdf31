package io.waveguard.workflows.activities;

import io.waveguard.policy.model.ReleaseStatus;

/** Asks for a finished release's outcome to be fed back into its targets' trust. */
public record OutcomeRequest(String releaseId, String planId, ReleaseStatus finalStatus) {}
