package io.waveguard.policy.controller;

import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Tier;

/**
 * What the release should do next, as decided by {@link ReleaseStateMachine}: one record per kind
 * of step, each carrying only what that step needs. The workflow and the simulator are the two
 * {@link Executor}s that carry these out; the compiler makes each handle every kind.
 *
 * <p>Commands never cross a workflow or activity boundary (the machine's state does, as {@link
 * ReleaseMachineState}), so their shape may change without touching recorded histories.
 */
public sealed interface ReleaseCommand {

  /** The wave the command is about; 0 when none. */
  default int wave() {
    return 0;
  }

  /** A human-readable account of the command, for traces and "waiting for" answers. */
  String describe();

  /**
   * Hands the command to the {@code executor} method for its kind.
   *
   * @throws IllegalStateException for {@link Finish}: a finished release has no step to take
   */
  void executeOn(Executor executor);

  /** True when the release reached a final status and the body should stop. */
  default boolean isFinish() {
    return this instanceof Finish;
  }

  /** A body that carries out commands: one method per kind of step except {@link Finish}. */
  interface Executor {
    void plan(Plan command);

    void awaitTargets(AwaitTargets command);

    void deployWave(DeployWave command);

    void bake(Bake command);

    void evaluateGate(EvaluateGate command);

    void replan(Replan command);

    void rollBackWave(RollBackWave command);

    void listStrandedTargets(ListStrandedTargets command);

    void awaitRetryRollback(AwaitRetryRollback command);

    void awaitResume(AwaitResume command);

    void awaitApproval(AwaitApproval command);

    void awaitChangeWindow(AwaitChangeWindow command);
  }

  /** Select targets, claim them for the release and order them into waves. */
  record Plan() implements ReleaseCommand {
    @Override
    public String describe() {
      return "planning waves";
    }

    @Override
    public void executeOn(Executor executor) {
      executor.plan(this);
    }
  }

  /**
   * Another running release holds some of the targets: wait {@link TargetWait#delaySeconds}, then
   * plan (and claim) again. An abort ends the wait.
   *
   * @param attempt how many claims have found the targets held so far (from 1)
   * @param heldBy who holds them and how many, in words
   */
  record AwaitTargets(int attempt, String heldBy) implements ReleaseCommand {
    @Override
    public String describe() {
      return "its targets to be free (" + heldBy + ")";
    }

    @Override
    public void executeOn(Executor executor) {
      executor.awaitTargets(this);
    }
  }

  /** Deploy the wave's targets. */
  record DeployWave(int wave) implements ReleaseCommand {
    @Override
    public String describe() {
      return "deployment of wave " + wave;
    }

    @Override
    public void executeOn(Executor executor) {
      executor.deployWave(this);
    }
  }

  /**
   * Let the deployed wave run on a durable timer.
   *
   * @param extension 0 for the first bake, n for the n-th extension; under the sequential gate the
   *     n-th gate period of the wave's bake
   */
  record Bake(int wave, int extension) implements ReleaseCommand {
    @Override
    public String describe() {
      return extension == 0
          ? "bake of wave " + wave
          : "bake extension " + extension + " of wave " + wave;
    }

    @Override
    public void executeOn(Executor executor) {
      executor.bake(this);
    }
  }

  /**
   * Compare the wave's telemetry with the controls.
   *
   * @param extensions how many extensions (gate periods) the bake being judged had
   * @param tier under the sequential gate, the tier whose tolerance the verdict is for; null under
   *     the per-wave gate
   */
  record EvaluateGate(int wave, int extensions, Tier tier) implements ReleaseCommand {
    @Override
    public String describe() {
      return "gate evaluation of wave " + wave;
    }

    @Override
    public void executeOn(Executor executor) {
      executor.evaluateGate(this);
    }
  }

  /**
   * Re-rank the remaining targets by fresh trust and check the next wave's tier entry.
   *
   * @param wave the wave about to start
   */
  record Replan(int wave) implements ReleaseCommand {
    @Override
    public String describe() {
      return "re-planning before wave " + wave;
    }

    @Override
    public void executeOn(Executor executor) {
      executor.replan(this);
    }
  }

  /** Undo the wave's deployment. */
  record RollBackWave(int wave) implements ReleaseCommand {
    @Override
    public String describe() {
      return "rollback of wave " + wave;
    }

    @Override
    public void executeOn(Executor executor) {
      executor.rollBackWave(this);
    }
  }

  /** Some rollback failed: list the release's targets that still run the new build. */
  record ListStrandedTargets() implements ReleaseCommand {
    @Override
    public String describe() {
      return "listing the targets a failed rollback left on the new build";
    }

    @Override
    public void executeOn(Executor executor) {
      executor.listStrandedTargets(this);
    }
  }

  /** Hold until an operator re-drives the incomplete rollback (or aborts, giving up). */
  record AwaitRetryRollback(String reason) implements ReleaseCommand {
    @Override
    public String describe() {
      return "operator retry-rollback (" + reason + ")";
    }

    @Override
    public void executeOn(Executor executor) {
      executor.awaitRetryRollback(this);
    }
  }

  /** Hold until an operator resumes (or aborts). */
  record AwaitResume(int wave, String reason) implements ReleaseCommand {
    @Override
    public String describe() {
      return "operator resume before wave " + wave + " (" + reason + ")";
    }

    @Override
    public void executeOn(Executor executor) {
      executor.awaitResume(this);
    }
  }

  /** Hold until an operator approves the next wave's tier (or aborts). */
  record AwaitApproval(int wave, Tier tier) implements ReleaseCommand {
    @Override
    public String describe() {
      return "operator approval of tier " + tier.wireName() + " for wave " + wave;
    }

    @Override
    public void executeOn(Executor executor) {
      executor.awaitApproval(this);
    }
  }

  /**
   * Make sure the wave may start now under the policy's change calendar: if it may, report {@link
   * ReleaseStateMachine#changeWindowOpen}; if not, report {@link
   * ReleaseStateMachine#changeWindowClosed} and wait until the next allowed moment (an abort ends
   * the wait), then ask again.
   *
   * @param waitingUntil why and until when the last check found the window closed; null before the
   *     first check of this wave
   */
  record AwaitChangeWindow(int wave, String waitingUntil) implements ReleaseCommand {
    @Override
    public String describe() {
      return waitingUntil == null
          ? "the change window check before wave " + wave
          : "the change window before wave " + wave + " (" + waitingUntil + ")";
    }

    @Override
    public void executeOn(Executor executor) {
      executor.awaitChangeWindow(this);
    }
  }

  /** Stop: the release reached a final status. */
  record Finish(ReleaseStatus status, String reason) implements ReleaseCommand {
    @Override
    public String describe() {
      return "nothing: release " + status;
    }

    @Override
    public void executeOn(Executor executor) {
      throw new IllegalStateException("a finished release has no step to take: " + reason);
    }
  }
}
