package io.waveguard.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotNull;

/**
 * The body of every 4xx and 5xx answer.
 *
 * @param error a short machine-readable code: invalid_field, unknown_field, removed_field,
 *     malformed_json, unsupported_media_type, payload_too_large, not_found, conflict,
 *     invalid_transition, targets_held, unknown_target, temporal_unavailable, temporal_overloaded,
 *     temporal_access_denied, temporal_error, database_unavailable, internal_error; for errors the
 *     HTTP server raises itself, the status's reason phrase (bad_request, request_uri_too_long,
 *     request_header_fields_too_large, method_not_allowed, ...)
 * @param field JSON path of the offending field ("policy.bakeSeconds", "samples[3].targetId"), or
 *     null when no single field is to blame
 * @param message a sentence for humans
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ErrorResponse(@NotNull String error, String field, @NotNull String message) {}
