package io.waveguard.workflows.activities;

import java.util.List;

/**
 * Why planning could not claim a release's targets: another running release holds some of them.
 * Travels as the details of a {@link ActivityErrors#TARGETS_HELD} failure.
 *
 * @param holderReleaseId the running release that holds them (the first, when several do)
 * @param heldCount how many of the selected targets are held by running releases
 * @param sampleTargetIds some of them, at most {@link #SAMPLE_SIZE}, in id order
 */
public record TargetsHeld(String holderReleaseId, int heldCount, List<String> sampleTargetIds) {

  /** Enough ids to find the targets, few enough for a status line and an error body. */
  public static final int SAMPLE_SIZE = 10;

  public TargetsHeld {
    sampleTargetIds = sampleTargetIds == null ? List.of() : List.copyOf(sampleTargetIds);
  }

  /** "release r-1 holds 3 of its targets: a, b, c" (with "…" when the sample is not all). */
  public String describe() {
    String ids = String.join(", ", sampleTargetIds);
    String more = heldCount > sampleTargetIds.size() ? ", …" : "";
    return "running release %s holds %d of its targets: %s%s"
        .formatted(holderReleaseId, heldCount, ids, more);
  }
}
