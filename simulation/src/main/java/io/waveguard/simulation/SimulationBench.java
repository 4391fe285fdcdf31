package io.waveguard.simulation;

import io.waveguard.simulation.scenario.Scenario;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Locale;

/**
 * Prints how fast the simulator runs: the paper scenario's fleet, one cell (rho 0, r = 1), 10 seeds
 * × 1,000 releases × 6 strategies = 60,000 simulated releases, on all processors. Run with -Xmx1g;
 * prints wall time, releases per second and peak heap. Arguments: [seeds] [releases].
 */
public final class SimulationBench {

  private SimulationBench() {}

  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int releases = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    Scenario scenario = Simulate.load(null).withCell(0.0, 1.0, releases).withSeeds(seeds);
    long total = SimulationRunner.totalReleases(scenario);
    int threads = Runtime.getRuntime().availableProcessors();
    long started = System.nanoTime();
    List<CellRuns> runs = SimulationRunner.withAllProcessors(Progress.NONE).run(scenario);
    double simulated = (System.nanoTime() - started) / 1e9;
    SimulationReport report = SimulationReport.of(scenario, runs);
    double withReport = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%,d releases (%d seeds × %,d releases × %d strategies, %,d targets) on %d threads,"
            + " max heap %d MB%n",
        total,
        seeds,
        releases,
        scenario.strategies().size(),
        scenario.fleet().targets(),
        threads,
        Runtime.getRuntime().maxMemory() >> 20);
    System.out.printf(
        Locale.ROOT,
        "simulation %.1f s (%,.0f releases/s); with aggregation and bootstrap intervals %.1f s;"
            + " peak heap %d MB%n",
        simulated,
        total / simulated,
        withReport,
        peakHeapBytes() >> 20);
    System.out.print(report.table());
  }

  /** Peak usage summed over the heap pools since the JVM started. */
  private static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
