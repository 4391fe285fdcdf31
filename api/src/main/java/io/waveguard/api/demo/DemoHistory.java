package io.waveguard.api.demo;

import io.waveguard.activities.StableHash;
import io.waveguard.activities.db.OutcomeRow;
import io.waveguard.policy.model.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Two months of past releases for the demo fleet, so trust has something to stand on: every target
 * took a release every six days, and a few targets (chosen by a hash of their id, not by tier) had
 * recent incidents, so the plan has low-trust targets to push back within their tier.
 */
final class DemoHistory {

  static final int PAST_RELEASES = 10;
  static final Duration SPACING = Duration.ofDays(6);

  /** About one target in eight had two bad releases in the last month. */
  private static final int TROUBLED_ONE_IN = 8;

  private DemoHistory() {}

  static List<OutcomeRow> outcomes(List<Target> fleet, Instant now) {
    List<OutcomeRow> rows = new ArrayList<>();
    for (Target target : fleet) {
      boolean troubled = Math.floorMod(StableHash.of(target.id()), TROUBLED_ONE_IN) == 0;
      for (int i = 1; i <= PAST_RELEASES; i++) {
        boolean bad = troubled && i <= 3 && i != 2;
        rows.add(
            new OutcomeRow(
                "history-%02d".formatted(i),
                target.id(),
                bad ? "BAD" : "GOOD",
                bad ? "incident attributed to the target (demo history)" : "clean (demo history)",
                now.minus(SPACING.multipliedBy(i))));
      }
    }
    return rows;
  }
}
