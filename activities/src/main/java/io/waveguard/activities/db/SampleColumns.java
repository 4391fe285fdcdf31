package io.waveguard.activities.db;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.argument.Argument;

/**
 * A batch of samples as one array per column, bound as arrays and read back with {@code unnest} in
 * one statement: the write path's shape, instead of a statement per sample. A window sent twice in
 * one batch keeps its last copy, as if the copies had been stored one after the other. Instants are
 * microseconds since the epoch (PostgreSQL's precision, rounded as the JDBC driver rounds them), so
 * the batch knows each sample's key exactly as PostgreSQL will see it.
 */
public record SampleColumns(
    String[] targetIds,
    long[] startMicros,
    long[] endMicros,
    long[] requests,
    long[] errors,
    Double[] latencyP99Ms,
    long[] crashes,
    String[] versions) {

  private static final long MICROS_PER_SECOND = 1_000_000L;

  /** The batch's columns, each window once (its last copy), in the order first sent. */
  public static SampleColumns of(List<TelemetrySample> samples) {
    Map<Key, Integer> last = new HashMap<>(samples.size() * 2);
    for (int i = 0; i < samples.size(); i++) {
      TelemetrySample s = samples.get(i);
      last.put(new Key(s.targetId(), micros(s.windowStart())), i);
    }
    int n = last.size();
    SampleColumns columns = empty(n);
    int row = 0;
    for (int i = 0; i < samples.size(); i++) {
      TelemetrySample s = samples.get(i);
      long start = micros(s.windowStart());
      if (n < samples.size() && last.get(new Key(s.targetId(), start)) != i) {
        continue; // a later copy of this window follows in the batch
      }
      columns.set(row++, s, start);
    }
    return columns;
  }

  /**
   * The columns as statement parameters, by name: each array is handed to the JDBC driver as it is,
   * which sends numbers in PostgreSQL's binary array format, instead of as a {@code java.sql.Array}
   * spelled out and escaped element by element.
   */
  public Map<String, Argument> parameters() {
    return Map.of(
        "targetIds", array(targetIds),
        "startMicros", array(startMicros),
        "endMicros", array(endMicros),
        "requests", array(requests),
        "errors", array(errors),
        "latencyP99Ms", array(latencyP99Ms),
        "crashes", array(crashes),
        "versions", array(versions));
  }

  static Argument array(Object values) {
    return (position, statement, context) -> statement.setObject(position, values);
  }

  public int size() {
    return targetIds.length;
  }

  /**
   * The distinct (target, 15-minute bucket) pairs the rows fall into, as two arrays pairwise:
   * target ids and bucket starts in epoch seconds ({@code telemetry_bucket}'s bins).
   */
  public Buckets buckets() {
    long bucketMicros = RollupWindow.BUCKET.getSeconds() * MICROS_PER_SECOND;
    Set<Key> seen = new LinkedHashSet<>();
    for (int i = 0; i < size(); i++) {
      seen.add(
          new Key(
              targetIds[i],
              Math.floorDiv(startMicros[i], bucketMicros) * RollupWindow.BUCKET.getSeconds()));
    }
    String[] ids = new String[seen.size()];
    long[] epochs = new long[seen.size()];
    int i = 0;
    for (Key key : seen) {
      ids[i] = key.targetId();
      epochs[i++] = key.at();
    }
    return new Buckets(ids, epochs);
  }

  /** Target ids and bucket starts (epoch seconds), pairwise. */
  public record Buckets(String[] targetIds, long[] epochSeconds) {

    /** Both arrays as statement parameters, as {@link SampleColumns#parameters} hands them over. */
    public Map<String, Argument> parameters() {
      return Map.of("targetIds", array(targetIds), "epochSeconds", array(epochSeconds));
    }
  }

  /**
   * Microseconds since the epoch, half a microsecond rounded up, as the JDBC driver sends an
   * instant; refuses one beyond the range a {@code long} of microseconds holds (±292,000 years).
   */
  public static long micros(Instant at) {
    return Math.addExact(
        Math.multiplyExact(at.getEpochSecond(), MICROS_PER_SECOND), (at.getNano() + 500) / 1000);
  }

  private static SampleColumns empty(int n) {
    return new SampleColumns(
        new String[n],
        new long[n],
        new long[n],
        new long[n],
        new long[n],
        new Double[n],
        new long[n],
        new String[n]);
  }

  private void set(int row, TelemetrySample s, long start) {
    targetIds[row] = s.targetId();
    startMicros[row] = start;
    endMicros[row] = micros(s.windowEnd());
    requests[row] = s.requests();
    errors[row] = s.errors();
    latencyP99Ms[row] = s.latencyP99Ms();
    crashes[row] = s.crashes();
    versions[row] = s.version();
  }

  private record Key(String targetId, long at) {}
}
