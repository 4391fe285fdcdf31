package io.waveguard.simulation;

import io.waveguard.simulation.engine.OracleFloor;
import io.waveguard.simulation.engine.ReleaseOutcome;
import io.waveguard.simulation.engine.SimStrategy;
import io.waveguard.simulation.engine.Simulator;
import io.waveguard.simulation.scenario.Scenario;
import io.waveguard.simulation.world.ReleaseCase;
import io.waveguard.simulation.world.SimulatedWorld;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a scenario: every cell (rho × fault magnitude), strategy, seed and release, on a fixed-size
 * pool. Results do not depend on the pool size or on scheduling: each task writes its own slots,
 * and every random number is keyed by what it is for. Seeds are taken in order and a seed's world
 * is dropped when its last task ends, so memory stays at about one world per thread.
 */
public final class SimulationRunner {

  /** Releases per task: small enough to balance two threads, large enough to amortise a task. */
  private static final int CHUNK = 25;

  private final int threads;
  private final Progress progress;

  public SimulationRunner(int threads, Progress progress) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1");
    }
    this.threads = threads;
    this.progress = progress;
  }

  /** A runner with one thread per available processor. */
  public static SimulationRunner withAllProcessors(Progress progress) {
    return new SimulationRunner(Runtime.getRuntime().availableProcessors(), progress);
  }

  /** Releases the scenario simulates in all (every strategy counted). */
  public static long totalReleases(Scenario scenario) {
    return (long) scenario.rhos().size()
        * scenario.faultMagnitudes().size()
        * scenario.strategies().size()
        * scenario.seeds()
        * scenario.releasesPerSeed();
  }

  public List<CellRuns> run(Scenario scenario) {
    List<SimStrategy> strategies =
        scenario.strategies().stream().map(s -> SimStrategy.fromName(s).orElseThrow()).toList();
    int seeds = scenario.seeds();
    int releases = scenario.releasesPerSeed();
    List<CellRuns> cells = new ArrayList<>();
    for (double rho : scenario.rhos()) {
      for (double magnitude : scenario.faultMagnitudes()) {
        cells.add(
            new CellRuns(
                scenario.name(),
                rho,
                magnitude,
                strategies,
                new ReleaseOutcome[strategies.size()][seeds][releases],
                new OracleFloor.Floor[seeds][releases]));
      }
    }
    long total = totalReleases(scenario);
    AtomicLong done = new AtomicLong();
    ConcurrentHashMap<Integer, SimulatedWorld> worlds = new ConcurrentHashMap<>();
    int chunks = (releases + CHUNK - 1) / CHUNK;
    AtomicInteger[] remaining = new AtomicInteger[seeds];
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int s = 0; s < seeds; s++) {
        int seed = s;
        remaining[s] = new AtomicInteger(cells.size() * chunks);
        for (CellRuns cell : cells) {
          for (int from = 0; from < releases; from += CHUNK) {
            int first = from;
            int last = Math.min(releases, from + CHUNK);
            futures.add(
                pool.submit(
                    () -> {
                      SimulatedWorld world = world(worlds, scenario, seed);
                      simulate(world, cell, seed, first, last);
                      progress.advanced(
                          done.addAndGet((long) (last - first) * strategies.size()), total);
                      if (remaining[seed].decrementAndGet() == 0) {
                        worlds.remove(seed);
                      }
                    }));
          }
        }
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("simulation interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("simulation failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return cells;
  }

  /** Releases [first, last) of one seed in one cell, every strategy on the same release. */
  private static void simulate(SimulatedWorld world, CellRuns cell, int seed, int first, int last) {
    Simulator simulator = new Simulator(world);
    OracleFloor oracle = new OracleFloor(world);
    for (int j = first; j < last; j++) {
      ReleaseCase release = world.release(j, cell.rho(), cell.faultMagnitude());
      cell.floors()[seed][j] = oracle.floor(release);
      for (int k = 0; k < cell.strategies().size(); k++) {
        cell.outcomes()[k][seed][j] = simulator.run(release, cell.strategies().get(k));
      }
    }
  }

  private static SimulatedWorld world(
      ConcurrentHashMap<Integer, SimulatedWorld> worlds, Scenario scenario, int seed) {
    // computeIfAbsent blocks other threads asking for the same seed until the burn-in is done.
    return worlds.computeIfAbsent(seed, s -> new SimulatedWorld(scenario, s));
  }
}
