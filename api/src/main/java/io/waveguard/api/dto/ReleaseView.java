package io.waveguard.api.dto;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.waveguard.workflows.release.ReleaseState;

/**
 * A release as GET /api/v1/releases/{id} and a start answer it: its live state, and the policy it
 * runs under as resolved when it started.
 */
public record ReleaseView(@JsonUnwrapped ReleaseState state, PolicyView policy) {}
