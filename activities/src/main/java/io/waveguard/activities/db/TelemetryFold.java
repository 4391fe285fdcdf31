package io.waveguard.activities.db;

import io.waveguard.policy.model.TypicalLatency;
import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Per-target sums of the pieces a telemetry read streams ({@link TelemetryDao#PIECES}: rollup
 * buckets, and a target's samples outside them grouped per side), each on its side of the window's
 * split. Folding here rather than in PostgreSQL is what makes the reads fast: SQL only scans and
 * groups, and no query sorts or unnests the millions of per-interval p99s a fleet-wide read carries
 * (EXPLAIN showed those sorts spilling to disk at 100,000 targets).
 */
final class TelemetryFold {

  /** One target's sums on one side of the split. */
  static final class Sums {
    long samples;
    long requests;
    long errors;
    long crashes;
    long coveredMicros;
    private double[] latencies = new double[16];
    private int latencyCount;

    private void addLatency(double p99) {
      if (latencyCount == latencies.length) {
        latencies = Arrays.copyOf(latencies, latencyCount * 2);
      }
      latencies[latencyCount++] = p99;
    }

    /** Grows the latencies once for a bucket's {@code more} values instead of while adding. */
    private void makeRoomFor(int more) {
      if (latencyCount + more > latencies.length) {
        latencies = Arrays.copyOf(latencies, Math.max(latencyCount + more, latencies.length * 2));
      }
    }

    List<Double> latencies() {
      List<Double> list = new ArrayList<>(latencyCount);
      for (int i = 0; i < latencyCount; i++) {
        list.add(latencies[i]);
      }
      return list;
    }

    /** The typical p99; null without latency. */
    Double typicalLatency() {
      return latencyCount == 0 ? null : TypicalLatency.of(latencies, latencyCount);
    }
  }

  /** A target's sums before the split and from it on; either may be null. */
  record Sides(Sums before, Sums after) {}

  /** Rows the cursor fetches at a time: a fold's memory is its targets' sums, never the rows. */
  private static final int FETCH_ROWS = 10_000;

  private final Map<String, Sums[]> byTarget = new LinkedHashMap<>();

  /**
   * Streams the pieces of the window into a new fold, split at the window's split: one scan, with
   * the p99 arrays in PostgreSQL's binary form. A cursor needs a transaction; a caller's own one is
   * joined.
   */
  static TelemetryFold read(Handle handle, String[] targetIds, RollupWindow w) {
    TelemetryFold fold = new TelemetryFold();
    handle.useTransaction(
        h -> {
          // Planned for this id array every time: a generic plan (PostgreSQL's choice for a
          // statement prepared once and run often) cannot see the array's size and, for a fleet,
          // probes the indexes once per id: ten times slower at 100,000 targets.
          h.execute("SET LOCAL plan_cache_mode = force_custom_plan");
          h.createQuery(TelemetryDao.PIECES + TelemetryDao.FOLD_SELECT)
              .bind("targetIds", targetIds)
              .bindMethods("w", w)
              .setFetchSize(FETCH_ROWS)
              .addCustomizer(BinaryResults.INSTANCE)
              .scanResultSet(
                  (results, ctx) -> {
                    ResultSet rs = results.get();
                    while (rs.next()) {
                      fold.add(rs);
                    }
                    return null;
                  });
        });
    return fold;
  }

  /**
   * Adds the current row of {@link TelemetryDao#FOLD_SELECT}: target, side, counts, and the piece's
   * p99 array.
   */
  void add(ResultSet rs) throws SQLException {
    Sums[] sides = byTarget.computeIfAbsent(rs.getString(1), id -> new Sums[2]);
    int side = rs.getBoolean(2) ? 1 : 0;
    Sums sums = sides[side];
    if (sums == null) {
      sums = new Sums();
      sides[side] = sums;
    }
    sums.samples += rs.getLong(3);
    sums.requests += rs.getLong(4);
    sums.errors += rs.getLong(5);
    sums.crashes += rs.getLong(6);
    sums.coveredMicros += rs.getLong(7);
    byte[] latencies = rs.getBytes(8);
    if (latencies != null && !addBinaryLatencies(sums, latencies)) {
      addLatencies(sums, rs.getArray(8));
    }
  }

  /** PostgreSQL's type id of {@code float8}, the element type of a binary p99 array. */
  private static final int FLOAT8_OID = 701;

  /**
   * Adds the p99s of a {@code float8[]} in PostgreSQL's binary form (dimensions, flags, element
   * type, each dimension's size and lower bound, then each element's length and 8 bytes), read in
   * place: the driver's own decoding boxes every one of a fleet's millions of values. False, adding
   * nothing, when the bytes are not that form (the driver received the column as text).
   */
  static boolean addBinaryLatencies(Sums sums, byte[] array) {
    if (array.length < 12) {
      return false;
    }
    ByteBuffer in = ByteBuffer.wrap(array); // big-endian, as PostgreSQL sends it
    int dimensions = in.getInt();
    in.getInt(); // has-nulls flag: each element's length says it
    int elementType = in.getInt();
    if (dimensions == 0) {
      return elementType == FLOAT8_OID || elementType == 0;
    }
    if (dimensions != 1 || elementType != FLOAT8_OID || array.length < 20) {
      return false;
    }
    int count = in.getInt();
    in.getInt(); // lower bound
    if (count < 0 || in.remaining() < (long) count * 4) {
      return false;
    }
    sums.makeRoomFor(count);
    for (int i = 0; i < count; i++) {
      int length = in.getInt();
      if (length == 8) {
        sums.addLatency(in.getDouble());
      } else if (length != -1) {
        throw new IllegalStateException("a float8 array element of " + length + " bytes");
      }
    }
    return true;
  }

  /** The driver's decoding of the same array, for a column it received as text. */
  private static void addLatencies(Sums sums, Array many) throws SQLException {
    for (Object p99 : (Object[]) many.getArray()) {
      if (p99 != null) {
        sums.addLatency(((Number) p99).doubleValue());
      }
    }
    many.free();
  }

  /** Every target that had a piece, in the order first seen. */
  Map<String, Sides> targets() {
    Map<String, Sides> sides = new LinkedHashMap<>(byTarget.size() * 2);
    byTarget.forEach((id, s) -> sides.put(id, new Sides(s[0], s[1])));
    return sides;
  }
}
