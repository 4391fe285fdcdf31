package io.waveguard.api.api;

import java.util.List;

/** Answer of GET /api/v1/releases, newest first. */
public record ReleaseList(List<ReleaseSummary> releases) {}
