package io.waveguard.policy.model;

/** Who asked for an operator action and why; lands in history and in the audit log. */
public record OperatorCommand(String operator, String reason) {}
