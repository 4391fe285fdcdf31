package io.waveguard.api.pages;

import io.waveguard.api.dto.PlanView;
import io.waveguard.api.errors.ApiException;

/**
 * Cuts a dry run into pages of placements. Every page carries all the waves (at most
 * limits.maxWavesPerRelease of them) and the target count, so a page reads on its own; only the
 * per-target placements, which grow with the fleet, are paged.
 */
public final class DryRunPages {

  private DryRunPages() {}

  /**
   * @param plan the whole plan: now for the first page, at {@code from.plannedAt()} for later ones
   * @param from the request's cursor, or null for the first page
   * @throws ApiException 409 naming {@code cursor} when the plan came out differently from the one
   *     the cursor continues (a target was added, removed or re-tiered, or late telemetry arrived)
   */
  public static PlanView page(PlanView plan, PlanCursor from, int limit) {
    String fingerprint = PlanCursor.fingerprint(plan.placements());
    int size = plan.placements().size();
    int start = 0;
    if (from != null) {
      if (!from.fingerprint().equals(fingerprint)) {
        throw new ApiException(
            409,
            "conflict",
            "cursor",
            "the plan changed since this cursor was issued (targets or their evidence up to"
                + " plannedAt changed); request the first page again");
      }
      if (from.offset() >= size) {
        throw Cursors.malformed(); // the same plan never issued it
      }
      start = from.offset();
    }
    int end = Math.min(size, start + limit);
    String next = end < size ? new PlanCursor(end, plan.plannedAt(), fingerprint).encode() : null;
    return plan.placements(start, end, next);
  }
}
