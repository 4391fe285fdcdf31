package io.waveguard.workflows.release;

import io.waveguard.policy.model.OperatorAction;
import java.time.Instant;

/** An operator command the release accepted, in the order it arrived. */
public record OperatorCommandRecord(
    OperatorAction action, String operator, String reason, Instant at) {}
