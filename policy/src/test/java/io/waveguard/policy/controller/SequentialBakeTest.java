package io.waveguard.policy.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.policy.model.CohortStats;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.SequentialGatePolicy;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.WaveStatus;
import io.waveguard.policy.model.WaveSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The release controller under the sequential gate: adaptive bakes of one period at a time. */
class SequentialBakeTest {

  /** Periods of 60 s, at least 3 and at most 5 of them per wave. */
  private static final ReleasePolicy POLICY =
      ReleasePolicy.defaults()
          .withSequentialGate(SequentialGatePolicy.defaults().withTimings(60, 180, 300, 3600));

  private static final List<WaveSummary> TWO_WAVES =
      List.of(new WaveSummary(1, 1, Tier.LOW, 1), new WaveSummary(2, 4, Tier.FINANCE_CRITICAL, 40));

  private final ReleaseStateMachine machine = new ReleaseStateMachine(POLICY);

  private static GateResult verdict(GateVerdict verdict) {
    return new GateResult(verdict, "because " + verdict, CohortStats.EMPTY, CohortStats.EMPTY);
  }

  private void deploy(int wave) {
    machine.deployStarted(wave);
    machine.waveDeployed(wave);
  }

  /** Bakes one period and reports the verdict; returns the gate command that was asked for. */
  private ReleaseCommand.EvaluateGate period(int wave, GateVerdict verdict) {
    assertThat(machine.next()).isInstanceOf(ReleaseCommand.Bake.class);
    machine.bakeElapsed(wave);
    ReleaseCommand.EvaluateGate gate = (ReleaseCommand.EvaluateGate) machine.next();
    machine.gateEvaluated(wave, verdict(verdict));
    return gate;
  }

  private void start() {
    machine.enableSequentialGate();
    machine.planned(TWO_WAVES);
    deploy(1);
  }

  @Test
  void aPassingWaveStillBakesTheMinimumBake() {
    start();

    period(1, GateVerdict.PASS);
    period(1, GateVerdict.PASS);
    assertThat(machine.next()).isEqualTo(new ReleaseCommand.Bake(1, 2));
    period(1, GateVerdict.PASS);

    assertThat(machine.waveStatus(1)).isEqualTo(WaveStatus.PASSED);
    assertThat(machine.next()).isEqualTo(new ReleaseCommand.DeployWave(2));
  }

  @Test
  void theGateIsAskedForTheNextWavesTierAndTheLastWaveForItsOwn() {
    start();
    assertThat(period(1, GateVerdict.PASS).tier()).isEqualTo(Tier.FINANCE_CRITICAL);
    period(1, GateVerdict.PASS);
    period(1, GateVerdict.PASS);
    deploy(2);

    assertThat(period(2, GateVerdict.PASS).tier()).isEqualTo(Tier.FINANCE_CRITICAL);
  }

  @Test
  void aFailureRollsBackAtOnceEvenInsideTheMinimumBake() {
    start();

    period(1, GateVerdict.FAIL);

    assertThat(machine.status()).isEqualTo(ReleaseStatus.ROLLING_BACK);
    assertThat(machine.next()).isEqualTo(new ReleaseCommand.RollBackWave(1));
    assertThat(machine.outcomeReason()).contains("gate failed on wave 1: because FAIL");
  }

  @Test
  void anUndecidedWavePausesForAHumanAtTheMaximumBake() {
    start();
    for (int p = 0; p < 4; p++) {
      period(1, GateVerdict.INCONCLUSIVE);
      assertThat(machine.status()).isEqualTo(ReleaseStatus.RUNNING);
    }

    period(1, GateVerdict.INCONCLUSIVE);

    assertThat(machine.status()).isEqualTo(ReleaseStatus.PAUSED);
    assertThat(machine.waveStatus(1)).isEqualTo(WaveStatus.INCONCLUSIVE);
    assertThat(machine.pauseReason())
        .contains("gate undecided on wave 1 after the maximum bake of 300s: because INCONCLUSIVE");
  }

  @Test
  void thePassOfTheLastWaveCompletesTheRelease() {
    start();
    for (int p = 0; p < 3; p++) {
      period(1, GateVerdict.PASS);
    }
    deploy(2);
    for (int p = 0; p < 3; p++) {
      period(2, GateVerdict.PASS);
    }

    assertThat(machine.status()).isEqualTo(ReleaseStatus.COMPLETED);
  }
}
