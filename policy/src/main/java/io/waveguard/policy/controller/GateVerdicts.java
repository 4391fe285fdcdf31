package io.waveguard.policy.controller;

import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.SequentialGatePolicy;
import io.waveguard.policy.model.WaveStatus;

/**
 * What a gate verdict does to a release: a failure rolls back at once, a pass moves on (or holds a
 * paused last wave), and an undecided gate bakes on until its limit, then holds for a human.
 */
final class GateVerdicts {

  private final ReleaseProgress p;

  GateVerdicts(ReleaseProgress progress) {
    this.p = progress;
  }

  void evaluated(int w, GateResult result) {
    p.waves.recordGate(w, result);
    if (p.phase != Phase.GATE || p.wave != w) {
      return;
    }
    if (p.sequentialGate) {
      sequentialVerdict(w, result);
      return;
    }
    switch (result.verdict()) {
      case PASS -> passWave(w);
      case FAIL -> fail(w, result);
      case INCONCLUSIVE -> perWaveInconclusive(w, result);
    }
  }

  /**
   * After the sequential gate's verdict on bake period {@code extension} of the wave: a failure
   * rolls back at once; a pass moves on once the minimum bake is over; anything else bakes another
   * period, up to the maximum bake, where the release pauses for a human.
   */
  private void sequentialVerdict(int w, GateResult result) {
    int baked = p.extension + 1;
    SequentialGatePolicy gate = p.policy.sequentialGate();
    switch (result.verdict()) {
      case FAIL -> fail(w, result);
      case PASS -> {
        if (baked < gate.minBakePeriods()) {
          bakeAnotherPeriod(w);
        } else {
          passWave(w);
        }
      }
      case INCONCLUSIVE -> {
        if (baked < gate.maxBakePeriods()) {
          bakeAnotherPeriod(w);
        } else {
          holdUndecided(
              w,
              "gate undecided on wave %d after the maximum bake of %ds: %s"
                  .formatted(w, gate.maxBakeSeconds(), result.reason()));
        }
      }
    }
  }

  private void perWaveInconclusive(int w, GateResult result) {
    if (p.extension < p.policy.maxBakeExtensions()) {
      bakeAnotherPeriod(w);
      return;
    }
    holdUndecided(
        w,
        "gate inconclusive on wave "
            + w
            + " after "
            + p.extension
            + " extensions: "
            + result.reason());
  }

  private void fail(int w, GateResult result) {
    p.setWaveStatus(w, WaveStatus.FAILED);
    p.startRollback(ReleaseStatus.ROLLED_BACK, "gate failed on wave " + w + ": " + result.reason());
  }

  private void bakeAnotherPeriod(int w) {
    p.phase = Phase.BAKE;
    p.extension++;
    p.setWaveStatus(w, WaveStatus.BAKING);
  }

  private void passWave(int w) {
    p.setWaveStatus(w, WaveStatus.PASSED);
    int last = p.waves.count();
    if (w == last && p.paused && p.pauseHoldsCompletion) {
      // An operator paused during the last bake: the release waits for their resume to complete.
      p.phase = Phase.HOLD_AFTER_LAST;
      p.changed();
    } else if (w == last) {
      p.finish(ReleaseStatus.COMPLETED, "all " + last + " waves passed their gates");
    } else {
      p.enterNextWave(w + 1);
    }
  }

  /** An undecided wave: held for an operator, before the next wave or before completing. */
  private void holdUndecided(int w, String reason) {
    p.setWaveStatus(w, WaveStatus.INCONCLUSIVE);
    p.paused = true;
    p.pauseReason = reason;
    if (w == p.waves.count()) {
      p.phase = Phase.HOLD_AFTER_LAST;
      p.changed();
    } else {
      p.enterNextWave(w + 1);
    }
  }
}
