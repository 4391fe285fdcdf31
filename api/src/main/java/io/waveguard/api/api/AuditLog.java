package io.waveguard.api.api;

import io.waveguard.activities.db.AuditEntry;
import java.util.List;

/** Answer of GET /api/v1/releases/{id}/audit: every operator command, oldest first. */
public record AuditLog(String releaseId, List<AuditEntry> entries) {}
