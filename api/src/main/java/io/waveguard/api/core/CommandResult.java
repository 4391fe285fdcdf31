package io.waveguard.api.core;

import io.waveguard.workflows.release.ReleaseState;

/**
 * What became of an operator command.
 *
 * @param state the release after the command; null unless ACCEPTED
 * @param detail the rejection reason, the queueing note, or the resulting status
 */
public record CommandResult(Outcome outcome, ReleaseState state, String detail) {

  /** How a command ended; also the audit log's outcome column. */
  public enum Outcome {
    /** The release applied the command. */
    ACCEPTED,
    /** The release's validator refused it; nothing changed. */
    REJECTED,
    /**
     * No worker accepted it in time; Temporal holds it (an abort also as a durable signal) and the
     * release takes it up when a worker runs.
     */
    QUEUED
  }

  static CommandResult accepted(ReleaseState state) {
    return new CommandResult(Outcome.ACCEPTED, state, "status " + state.status());
  }

  static CommandResult rejected(String reason) {
    return new CommandResult(Outcome.REJECTED, null, reason);
  }

  static CommandResult queued(String note) {
    return new CommandResult(Outcome.QUEUED, null, note);
  }
}
