package io.waveguard.policy.controller;

/** An operator command that is not valid in the release's current state; nothing changed. */
public final class TransitionRejectedException extends IllegalStateException {

  public TransitionRejectedException(String message) {
    super(message);
  }
}
