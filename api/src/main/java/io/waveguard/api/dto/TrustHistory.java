package io.waveguard.api.dto;

import io.waveguard.activities.db.OutcomeRow;
import java.util.List;

/**
 * Body of GET /api/v1/targets/{id}/trust: trust computations newest first, and the outcomes
 * (evidence) they rest on.
 */
public record TrustHistory(
    String targetId, List<TrustSnapshotView> snapshots, List<OutcomeRow> outcomes) {}
