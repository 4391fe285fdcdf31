package io.waveguard.api.dto;

/** Answer (202) of POST /api/v1/telemetry: how many samples were stored. */
public record TelemetryAccepted(int accepted) {}
