package io.waveguard.activities.db;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Fleet-sized reads run on several connections at once. A read through a cursor alternates: the
 * server scans while the client waits, then the client decodes while the server waits, so one read
 * keeps about one core busy; two halves of the fleet read at once keep both of a small server's
 * busy. Small reads stay on the caller's thread: for a few thousand targets a second connection
 * costs more than it saves, and many releases planning at once would hold twice the connections.
 */
public final class ConcurrentReads {

  /** Targets per part at the least: below twice this, a read is not split. */
  static final int MIN_PART = 5_000;

  /** Parts at the most, whatever the cores: each part holds a pooled connection while it reads. */
  static final int MAX_PARTS = 4;

  /** Threads of the parts beyond the caller's own; idle ones end after a minute. */
  private static final ExecutorService READERS =
      new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE,
          60,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          runnable -> {
            Thread thread = new Thread(runnable, "waveguard-concurrent-read");
            thread.setDaemon(true);
            return thread;
          });

  private ConcurrentReads() {}

  /**
   * {@code read} over {@code ids}, split into parts read at once when there are enough ids, the
   * parts' maps merged in the ids' order of parts. Each id must appear in at most one part's
   * answer: a read keyed by target, as every telemetry read is.
   */
  public static <V> Map<String, V> byTarget(
      List<String> ids, Function<List<String>, Map<String, V>> read) {
    int parts = parts(ids.size(), Runtime.getRuntime().availableProcessors());
    if (parts == 1) {
      return read.apply(ids);
    }
    List<CompletableFuture<Map<String, V>>> others = new ArrayList<>(parts - 1);
    int size = ids.size();
    for (int p = 1; p < parts; p++) {
      List<String> part = ids.subList(size * p / parts, size * (p + 1) / parts);
      others.add(CompletableFuture.supplyAsync(() -> read.apply(part), READERS));
    }
    Map<String, V> first = read.apply(ids.subList(0, size / parts));
    Map<String, V> merged = new LinkedHashMap<>((size + 1) * 2);
    merged.putAll(first);
    for (CompletableFuture<Map<String, V>> other : others) {
      merged.putAll(joined(other));
    }
    return merged;
  }

  /**
   * Starts {@code read} on another connection when {@code size} targets make it worth one, else
   * runs it now; {@link #joined} takes its answer.
   */
  public static <T> CompletableFuture<T> alongside(int size, Supplier<T> read) {
    return size >= 2 * MIN_PART
        ? CompletableFuture.supplyAsync(read, READERS)
        : CompletableFuture.completedFuture(read.get());
  }

  /** A concurrent read's answer, its failure rethrown as the read threw it. */
  public static <T> T joined(CompletableFuture<T> read) {
    try {
      return read.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** How many parts a read of {@code size} ids is split into on {@code cores} cores. */
  static int parts(int size, int cores) {
    return Math.max(1, Math.min(Math.min(cores, MAX_PARTS), size / MIN_PART));
  }
}
