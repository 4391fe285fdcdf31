package io.waveguard.workflows.release;

import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.StrandedTargets;
import io.waveguard.policy.model.Strategy;
import java.util.List;

/**
 * A release's live state, answered by the status query and by every operator command.
 *
 * @param waitingFor what the release needs before it can move on, in words
 * @param pauseReason why it is paused; null unless paused
 * @param outcomeReason why it ended or is rolling back; null while it runs normally
 * @param strandedTargets targets a failed rollback left on the new build; none otherwise
 */
public record ReleaseState(
    String releaseId,
    String service,
    String version,
    Strategy strategy,
    ReleaseStatus status,
    int currentWave,
    int waveCount,
    String waitingFor,
    String pauseReason,
    String outcomeReason,
    List<WaveView> waves,
    List<OperatorCommandRecord> commands,
    StrandedTargets strandedTargets) {}
