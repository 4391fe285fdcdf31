package io.waveguard.activities.trust;

/**
 * Why trust was computed, stored with every snapshot.
 *
 * @param kind plan, replan or outcome
 * @param releaseId the release that asked; null for none
 * @param wave the wave about to start (replan), 0 at planning; null outside a wave
 */
public record TrustCause(String kind, String releaseId, Integer wave) {

  /** The kind of snapshots a finished release's outcome feedback stores. */
  public static final String OUTCOME = "outcome";

  public static TrustCause planning(String releaseId) {
    return new TrustCause("plan", releaseId, 0);
  }

  public static TrustCause replan(String releaseId, int nextWave) {
    return new TrustCause("replan", releaseId, nextWave);
  }

  public static TrustCause outcome(String releaseId) {
    return new TrustCause(OUTCOME, releaseId, null);
  }
}
