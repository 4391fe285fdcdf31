package io.waveguard.workflows.activities;

import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.Tier;
import java.time.Instant;

/**
 * Asks for the gate's verdict on a wave over [windowStart, windowEnd): the whole bake under the
 * per-wave gate, the latest period under the sequential gate.
 *
 * @param entryTier sequential gate only: the tier whose tolerance the verdict is for (the next
 *     wave's, or the last wave's own); null under the per-wave gate
 */
public record GateRequest(
    String releaseId,
    String planId,
    int wave,
    Instant windowStart,
    Instant windowEnd,
    ReleasePolicy policy,
    Tier entryTier) {

  /** A per-wave gate request. */
  public GateRequest(
      String releaseId,
      String planId,
      int wave,
      Instant windowStart,
      Instant windowEnd,
      ReleasePolicy policy) {
    this(releaseId, planId, wave, windowStart, windowEnd, policy, null);
  }
}
