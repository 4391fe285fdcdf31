package io.waveguard.api.dto;

import java.util.List;

/**
 * One page of GET /api/v1/targets.
 *
 * @param sort id, trust (least trusted first) or risk (riskiest first)
 */
public record TargetList(List<TargetView> targets, String sort, int limit, int offset) {}
