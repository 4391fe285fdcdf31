package io.waveguard.workflows.release;

import io.waveguard.policy.controller.ReleaseMachineState;
import io.waveguard.workflows.activities.PlanSummary;
import java.util.List;

/**
 * How one run of a release workflow starts: fresh, or carrying on from the run before it, which
 * continued as new at a wave boundary once its history grew long.
 *
 * @param maxHistoryEvents past this many events a run continues as new at its next wave boundary
 *     (Temporal terminates a workflow past 51,200; a run overshoots by one wave at most)
 * @param carriedOver the previous run's state; null for the release's first run
 */
public record ReleaseRun(int maxHistoryEvents, Continuation carriedOver) {

  /** Far below Temporal's limit, and below the 10,000 events a run's history is kept under. */
  public static final int DEFAULT_MAX_HISTORY_EVENTS = 5_000;

  /** A wave can add a few hundred events (a 30-minute sequential bake), so less is no budget. */
  public static final int MIN_MAX_HISTORY_EVENTS = 1_000;

  public ReleaseRun {
    if (maxHistoryEvents < MIN_MAX_HISTORY_EVENTS) {
      throw new IllegalArgumentException(
          "maxHistoryEvents must be at least %d, was %d"
              .formatted(MIN_MAX_HISTORY_EVENTS, maxHistoryEvents));
    }
  }

  /**
   * What a run hands the next one.
   *
   * @param run the number of the run this continuation starts, from 2
   */
  public record Continuation(
      int run,
      ReleaseMachineState machine,
      PlanSummary plan,
      List<OperatorCommandRecord> commands) {

    public Continuation {
      commands = List.copyOf(commands);
    }
  }

  /** A release's first run. */
  public static ReleaseRun first(int maxHistoryEvents) {
    return new ReleaseRun(maxHistoryEvents, null);
  }

  /** The run as given, or a first run with the defaults (releases started before runs had one). */
  static ReleaseRun orFirst(ReleaseRun run) {
    return run == null ? first(DEFAULT_MAX_HISTORY_EVENTS) : run;
  }

  /** The run after this one, carrying the release's state. */
  ReleaseRun next(
      ReleaseMachineState machine, PlanSummary plan, List<OperatorCommandRecord> commands) {
    int number = carriedOver == null ? 2 : carriedOver.run() + 1;
    return new ReleaseRun(maxHistoryEvents, new Continuation(number, machine, plan, commands));
  }

  boolean isContinuation() {
    return carriedOver != null;
  }

  /** This run's number: 1 for the first. */
  int number() {
    return carriedOver == null ? 1 : carriedOver.run();
  }
}
