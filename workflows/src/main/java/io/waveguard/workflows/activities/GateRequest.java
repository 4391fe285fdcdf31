package io.waveguard.workflows.activities;

import io.waveguard.workflows.model.ReleasePolicy;
import java.time.Instant;

/** Asks for the gate's verdict on a wave over the bake window [windowStart, windowEnd). */
public record GateRequest(
    String releaseId,
    String planId,
    int wave,
    Instant windowStart,
    Instant windowEnd,
    ReleasePolicy policy) {}
