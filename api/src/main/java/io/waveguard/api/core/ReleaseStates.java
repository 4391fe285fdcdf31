package io.waveguard.api.core;

import io.waveguard.activities.db.ReleaseRow;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.StrandedTargets;
import io.waveguard.policy.model.Strategy;
import io.waveguard.workflows.release.ReleaseState;
import java.util.List;

/**
 * Release states the API answers when no worker can answer the live query: built from what the API
 * itself knows, and saying so in {@code waitingFor}.
 */
final class ReleaseStates {

  static final String NO_WORKER = "a worker to pick the release up (no worker answered yet)";

  private ReleaseStates() {}

  /** A release that was just started and not planned yet. */
  static ReleaseState planned(ReleaseSpec spec) {
    return new ReleaseState(
        spec.releaseId(),
        spec.service(),
        spec.version(),
        spec.strategy(),
        ReleaseStatus.PLANNING,
        0,
        0,
        NO_WORKER,
        null,
        null,
        List.of(),
        List.of(),
        StrandedTargets.NONE);
  }

  /** The read model's last snapshot; waves and commands are only in the live state. */
  static ReleaseState fromRow(ReleaseRow row) {
    ReleaseStatus status = ReleaseStatus.valueOf(row.status());
    return new ReleaseState(
        row.releaseId(),
        row.service(),
        row.version(),
        Strategy.fromWireName(row.strategy()).orElse(null),
        status,
        row.currentWave(),
        row.waveCount(),
        status == ReleaseStatus.WAITING_FOR_TARGETS
            ? "its targets to be free (" + row.reason() + "); this is the last recorded state"
            : status.isFinal()
                ? null
                : "a worker to answer; this is the last recorded state, not the live one",
        status == ReleaseStatus.PAUSED ? row.reason() : null,
        status == ReleaseStatus.PAUSED || status == ReleaseStatus.WAITING_FOR_TARGETS
            ? null
            : row.reason(),
        List.of(),
        List.of(),
        // Only the live state lists them; the recorded reason still names them.
        null);
  }
}
