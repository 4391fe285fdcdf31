package io.waveguard.policy.gate.sequential;

import io.waveguard.policy.model.CohortStats;
import java.util.ArrayList;
import java.util.List;

/**
 * What one gate period showed: every target on the build against its controls. While some of the
 * release's targets do not run the build yet, they are the controls, over the same period; once
 * none is left (the last wave, or an all-at-once release), the controls are the same targets over
 * their pre-release baseline window ({@link #againstOwnPast}).
 *
 * @param deployed cells of every target of the release that runs the build
 * @param controls cells of the targets that do not yet, over the same period; or, when {@code
 *     historical}, of the deployed targets over their baseline window
 */
public record PeriodObservation(
    List<CohortCell> deployed, List<CohortCell> controls, boolean historical) {

  public PeriodObservation {
    deployed = List.copyOf(deployed);
    controls = List.copyOf(controls);
  }

  /**
   * The control choice both bodies make: the release's targets without the build, over the same
   * period, while there are any; once none is left, the deployed targets' own pre-release window.
   *
   * @param pending cells of the release's targets that do not run the build
   * @param ownPast the deployed targets over their baseline window, asked for only when needed
   */
  public static PeriodObservation of(
      List<CohortCell> deployed,
      List<CohortCell> pending,
      java.util.function.Supplier<List<CohortCell>> ownPast) {
    boolean anyPending = pending.stream().anyMatch(c -> c.targets() > 0);
    return anyPending ? concurrent(deployed, pending) : againstOwnPast(deployed, ownPast.get());
  }

  public static PeriodObservation concurrent(List<CohortCell> deployed, List<CohortCell> controls) {
    return new PeriodObservation(deployed, controls, false);
  }

  public static PeriodObservation againstOwnPast(
      List<CohortCell> deployed, List<CohortCell> baselineWindow) {
    return new PeriodObservation(deployed, baselineWindow, true);
  }

  /** Events and exposure of one metric over the cells in a stratum. */
  record Side(long events, double concurrentExposure, double historicalExposure) {}

  static Side side(List<CohortCell> cells, GateMetric metric, Stratum stratum) {
    long events = 0;
    double concurrent = 0;
    double historical = 0;
    for (CohortCell cell : cells) {
      if (stratum.contains(cell)) {
        events += metric.events(cell);
        concurrent += metric.concurrentExposure(cell);
        historical += metric.historicalExposure(cell);
      }
    }
    return new Side(events, concurrent, historical);
  }

  /** Requests and errors of each side, for the audit trail. */
  public CohortStats deployedStats() {
    return stats(deployed);
  }

  public CohortStats controlStats() {
    return stats(controls);
  }

  /** The deployed targets that reported nothing this period. */
  public Coverage coverage() {
    int reporting = 0;
    List<String> silent = new ArrayList<>();
    for (CohortCell cell : deployed) {
      reporting += cell.reportingTargets();
      silent.addAll(cell.silentTargets());
    }
    return new Coverage(reporting, silent);
  }

  private static CohortStats stats(List<CohortCell> cells) {
    int targets = 0;
    long requests = 0;
    long errors = 0;
    for (CohortCell cell : cells) {
      targets += cell.reportingTargets();
      requests += cell.requests();
      errors += cell.errors();
    }
    return new CohortStats(targets, requests, errors);
  }
}
