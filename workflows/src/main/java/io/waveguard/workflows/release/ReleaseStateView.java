package io.waveguard.workflows.release;

import io.waveguard.policy.controller.ReleaseCommand;
import io.waveguard.policy.controller.ReleaseStateMachine;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.policy.model.WaveSummary;
import java.util.List;

/** Builds the query answer from the state machine. */
final class ReleaseStateView {

  private ReleaseStateView() {}

  static ReleaseState of(
      ReleaseSpec spec, ReleaseStateMachine machine, List<OperatorCommandRecord> commands) {
    List<WaveView> waves =
        machine.waves().stream()
            .map(
                (WaveSummary w) ->
                    new WaveView(
                        w.index(),
                        w.targetCount(),
                        w.highestTier(),
                        machine.waveStatus(w.index()),
                        machine.gateResult(w.index()).orElse(null)))
            .toList();
    ReleaseCommand next = machine.next();
    return new ReleaseState(
        spec.releaseId(),
        spec.service(),
        spec.version(),
        spec.strategy(),
        machine.status(),
        machine.currentWave(),
        waves.size(),
        next.isFinish() ? null : next.describe(),
        machine.pauseReason(),
        machine.outcomeReason(),
        waves,
        List.copyOf(commands),
        machine.strandedTargets());
  }
}
