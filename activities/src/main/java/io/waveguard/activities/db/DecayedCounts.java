package io.waveguard.activities.db;

/** A target's good and bad outcomes, each weighted by its age's decay factor. */
public record DecayedCounts(String targetId, double good, double bad) {}
