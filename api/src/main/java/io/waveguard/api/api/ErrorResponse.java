package io.waveguard.api.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every 4xx and 5xx answer.
 *
 * @param error a short machine-readable code: invalid_field, unknown_field, removed_field,
 *     malformed_json, unsupported_media_type, payload_too_large, not_found, conflict,
 *     invalid_transition, targets_held, unknown_target, temporal_unavailable, database_unavailable,
 *     internal_error
 * @param field JSON path of the offending field ("policy.bakeSeconds", "samples[3].targetId"), or
 *     null when no single field is to blame
 * @param message a sentence for humans
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ErrorResponse(String error, String field, String message) {}
