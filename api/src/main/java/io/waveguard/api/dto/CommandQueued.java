package io.waveguard.api.dto;

/**
 * Answer (202) to a command no worker accepted in time: Temporal holds it until a worker runs the
 * release (an abort is also stored as a durable signal).
 */
public record CommandQueued(String releaseId, String action, String outcome, String message) {}
