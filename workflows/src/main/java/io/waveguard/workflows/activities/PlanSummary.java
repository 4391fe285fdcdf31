package io.waveguard.workflows.activities;

import io.waveguard.policy.model.WaveSummary;
import java.util.List;

/** A stored plan as the workflow sees it: the targets themselves stay in PostgreSQL. */
public record PlanSummary(String planId, int targetCount, List<WaveSummary> waves) {

  public PlanSummary {
    waves = List.copyOf(waves);
  }
}
