package io.waveguard.api.bench;

/**
 * How big each of the bench's measurements is. {@link #full()} is what {@code ./waveguard bench}
 * runs and the README's Performance table reports; {@link #smoke()} is a tiny run that proves the
 * bench works end to end (its figures mean nothing).
 *
 * @param plannerTargets targets the planner orders
 * @param plannerRuns timed planner runs (after five warm-ups)
 * @param trustTargets targets whose trust is recomputed, 60 one-minute windows each
 * @param trustRuns timed recomputations (after one warm-up)
 * @param gateDeployed deployed targets of the gated wave
 * @param gateControls not-yet-deployed controls of the gated wave
 * @param gateRuns timed gate evaluations (after one warm-up)
 * @param ingestTargets targets the ingestion figure pushes samples for
 * @param ingestSamples samples pushed through {@code POST /api/v1/telemetry} in all
 * @param sequentialStarts releases started one after the other (start latencies)
 * @param concurrentStarts releases started at the same moment
 * @param fleetReleases releases run at once on the one worker
 * @param fleetDeadlineSeconds how long the bench waits for those releases to finish
 */
public record BenchSizes(
    int plannerTargets,
    int plannerRuns,
    int trustTargets,
    int trustRuns,
    int gateDeployed,
    int gateControls,
    int gateRuns,
    int ingestTargets,
    int ingestSamples,
    int sequentialStarts,
    int concurrentStarts,
    int fleetReleases,
    int fleetDeadlineSeconds) {

  /** The sizes: 100,000 targets, 10,000 + 10,000, 100 starts at once, 500 releases. */
  public static BenchSizes full() {
    return new BenchSizes(
        100_000, 15, 100_000, 3, 10_000, 10_000, 3, 5_000, 500_000, 100, 100, 500, 900);
  }

  /** A run of seconds: every figure is measured, on fleets too small to mean anything. */
  public static BenchSizes smoke() {
    return new BenchSizes(2_000, 3, 300, 1, 100, 100, 1, 50, 2_000, 3, 3, 3, 240);
  }
}
