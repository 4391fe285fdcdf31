package io.waveguard.policy.controller;

import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Tier;

/**
 * What the release should do next, as decided by {@link ReleaseStateMachine}. The workflow and the
 * simulator are the two bodies that carry these out.
 *
 * @param wave the wave the command is about; 0 when none
 * @param extension for {@link Type#BAKE}: 0 for the first bake, n for the n-th extension (under the
 *     sequential gate: the n-th gate period of the wave's bake); for {@link Type#EVALUATE_GATE}:
 *     how many extensions (periods) the bake being judged had; for {@link Type#AWAIT_TARGETS}: how
 *     many claims have found the targets held so far (from 1)
 * @param tier for {@link Type#AWAIT_APPROVAL}: the tier that needs approval; for {@link
 *     Type#EVALUATE_GATE} under the sequential gate: the tier whose tolerance the verdict is for
 *     (null under the per-wave gate)
 * @param finalStatus for {@link Type#FINISH}: how the release ended
 */
public record ReleaseCommand(
    Type type, int wave, int extension, Tier tier, ReleaseStatus finalStatus, String reason) {

  /** The kinds of step a release takes. */
  public enum Type {
    /** Select targets, claim them for the release and order them into waves. */
    PLAN,
    /**
     * Another running release holds some of the targets: wait {@link TargetWait#delaySeconds}, then
     * plan (and claim) again. An abort ends the wait.
     */
    AWAIT_TARGETS,
    /** Deploy the wave's targets. */
    DEPLOY_WAVE,
    /** Let the deployed wave run on a durable timer. */
    BAKE,
    /** Compare the wave's telemetry with the controls. */
    EVALUATE_GATE,
    /** Re-rank the remaining targets by fresh trust and check the next wave's tier entry. */
    REPLAN,
    /** Undo the wave's deployment. */
    ROLL_BACK_WAVE,
    /** Some rollback failed: list the release's targets that still run the new build. */
    LIST_STRANDED_TARGETS,
    /** Hold until an operator re-drives the incomplete rollback (or aborts, giving up). */
    AWAIT_RETRY_ROLLBACK,
    /** Hold until an operator resumes (or aborts). */
    AWAIT_RESUME,
    /** Hold until an operator approves the next wave's tier (or aborts). */
    AWAIT_APPROVAL,
    /** Stop: the release reached a final status. */
    FINISH
  }

  static ReleaseCommand plan() {
    return new ReleaseCommand(Type.PLAN, 0, 0, null, null, null);
  }

  static ReleaseCommand awaitTargets(int attempt, String reason) {
    return new ReleaseCommand(Type.AWAIT_TARGETS, 0, attempt, null, null, reason);
  }

  static ReleaseCommand deploy(int wave) {
    return new ReleaseCommand(Type.DEPLOY_WAVE, wave, 0, null, null, null);
  }

  static ReleaseCommand bake(int wave, int extension) {
    return new ReleaseCommand(Type.BAKE, wave, extension, null, null, null);
  }

  static ReleaseCommand evaluateGate(int wave) {
    return evaluateGate(wave, 0);
  }

  /**
   * After {@code extension} bake extensions: the gate reads the whole bake, extensions included.
   */
  static ReleaseCommand evaluateGate(int wave, int extension) {
    return new ReleaseCommand(Type.EVALUATE_GATE, wave, extension, null, null, null);
  }

  /** Under the sequential gate: the verdict after bake period {@code period}, for {@code tier}. */
  static ReleaseCommand evaluateGate(int wave, int period, Tier tier) {
    return new ReleaseCommand(Type.EVALUATE_GATE, wave, period, tier, null, null);
  }

  static ReleaseCommand replan(int nextWave) {
    return new ReleaseCommand(Type.REPLAN, nextWave, 0, null, null, null);
  }

  static ReleaseCommand rollBack(int wave) {
    return new ReleaseCommand(Type.ROLL_BACK_WAVE, wave, 0, null, null, null);
  }

  static ReleaseCommand listStrandedTargets() {
    return new ReleaseCommand(Type.LIST_STRANDED_TARGETS, 0, 0, null, null, null);
  }

  static ReleaseCommand awaitRetryRollback(String reason) {
    return new ReleaseCommand(Type.AWAIT_RETRY_ROLLBACK, 0, 0, null, null, reason);
  }

  static ReleaseCommand awaitResume(int wave, String reason) {
    return new ReleaseCommand(Type.AWAIT_RESUME, wave, 0, null, null, reason);
  }

  static ReleaseCommand awaitApproval(int wave, Tier tier) {
    return new ReleaseCommand(Type.AWAIT_APPROVAL, wave, 0, tier, null, null);
  }

  static ReleaseCommand finish(ReleaseStatus status, String reason) {
    return new ReleaseCommand(Type.FINISH, 0, 0, null, status, reason);
  }

  /** A human-readable account of the command, for traces and "waiting for" answers. */
  public String describe() {
    return switch (type) {
      case PLAN -> "planning waves";
      case AWAIT_TARGETS -> "its targets to be free (" + reason + ")";
      case DEPLOY_WAVE -> "deployment of wave " + wave;
      case BAKE ->
          extension == 0
              ? "bake of wave " + wave
              : "bake extension " + extension + " of wave " + wave;
      case EVALUATE_GATE -> "gate evaluation of wave " + wave;
      case REPLAN -> "re-planning before wave " + wave;
      case ROLL_BACK_WAVE -> "rollback of wave " + wave;
      case LIST_STRANDED_TARGETS -> "listing the targets a failed rollback left on the new build";
      case AWAIT_RETRY_ROLLBACK -> "operator retry-rollback (" + reason + ")";
      case AWAIT_RESUME -> "operator resume before wave " + wave + " (" + reason + ")";
      case AWAIT_APPROVAL -> "operator approval of tier " + tier.wireName() + " for wave " + wave;
      case FINISH -> "nothing: release " + finalStatus;
    };
  }
}
