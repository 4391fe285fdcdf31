package io.waveguard.policy.model;

/** A gate's verdict on a wave, with the evidence it used so the decision can be audited. */
public record GateResult(
    GateVerdict verdict, String reason, CohortStats deployed, CohortStats control) {

  /** The same verdict with what was compared put in front of the reason. */
  public GateResult explainedBy(String comparison) {
    return new GateResult(verdict, comparison + ": " + reason, deployed, control);
  }
}
