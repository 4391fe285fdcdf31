package io.waveguard.activities.db;

import java.time.Instant;

/**
 * One operator command in the audit log.
 *
 * @param outcome ACCEPTED, REJECTED, or QUEUED (an abort signalled while no worker answered) for
 *     operator commands; RECORDED for what Waveguard decided itself (gate, replan, trust-feedback)
 * @param detail the rejection reason or the resulting status
 */
public record AuditEntry(
    long id,
    String releaseId,
    String action,
    String operator,
    String reason,
    String outcome,
    String detail,
    Instant at) {}
