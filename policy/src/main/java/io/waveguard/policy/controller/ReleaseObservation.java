package io.waveguard.policy.controller;

import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Tier;

/**
 * What a release's notifications look at, taken from {@link ReleaseStateMachine#observe()} after
 * every step; {@link ReleaseEvents} compares one with the next.
 *
 * @param wave the wave being worked on (0 before planning)
 * @param passedWaves how many waves passed their gate so far
 * @param awaitingTier the tier the next wave waits to have approved; null when none
 * @param reason why the release is paused, rolling back or ended; null otherwise
 * @param revision the machine's revision: it grows with every change, so it tells events apart
 */
public record ReleaseObservation(
    ReleaseStatus status,
    int wave,
    int waveCount,
    int passedWaves,
    Tier awaitingTier,
    String reason,
    int revision) {}
