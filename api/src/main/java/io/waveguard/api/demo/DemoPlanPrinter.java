package io.waveguard.api.demo;

import io.waveguard.api.dto.PlanView;
import io.waveguard.policy.plan.Placement;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Prints a dry run the way an operator reads one: waves in order, the riskiest placement each. */
final class DemoPlanPrinter {

  private DemoPlanPrinter() {}

  static void print(PrintStream out, PlanView plan) {
    out.printf(
        "Dry run of %s %s (%s, POST /api/v1/plans): %d targets in %d waves%n",
        plan.service(),
        plan.version(),
        plan.strategy().wireName(),
        plan.targetCount(),
        plan.waves().size());
    for (PlanView.Wave wave : plan.waves()) {
      out.printf(
          Locale.ROOT,
          "  wave %d: %2d targets, %-16s impact %6.2f  %s%n",
          wave.index(),
          wave.targetCount(),
          wave.highestTier().wireName(),
          wave.impact(),
          wave.reason());
    }
    riskiest(plan.placements())
        .ifPresent(p -> out.printf("  riskiest placement: %s: %s%n", p.targetId(), p.reason()));
    out.println();
  }

  private static java.util.Optional<Placement> riskiest(List<Placement> placements) {
    return placements.stream().max(Comparator.comparingDouble(Placement::risk));
  }
}
