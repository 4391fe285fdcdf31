package io.waveguard.api.api;

import java.util.List;

/** One page of GET /api/v1/targets, in id order. */
public record TargetList(List<TargetView> targets, int limit, int offset) {}
