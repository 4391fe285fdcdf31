package io.waveguard.api.dto;

import io.waveguard.activities.db.AuditEntry;
import java.util.List;

/**
 * One page of GET /api/v1/releases/{id}/audit: operator commands and Waveguard's own decisions,
 * oldest first.
 *
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
public record AuditLog(String releaseId, List<AuditEntry> entries, String nextCursor) {}
