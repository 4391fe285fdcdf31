package io.waveguard.activities.db;

import java.time.Instant;

/** What one release (or reported incident) said about one target: GOOD, BAD or NONE, and why. */
public record OutcomeRow(
    String releaseId, String targetId, String verdict, String reason, Instant at) {}
