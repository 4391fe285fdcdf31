package io.waveguard.activities.db;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Streams trust snapshots into PostgreSQL with {@code COPY ... FROM STDIN (FORMAT binary)}: doubles
 * go as their 8 bytes, so neither side formats or parses a number (with CSV, turning 1,000,000
 * doubles into text and back was a good part of storing a 100,000-target computation).
 */
final class SnapshotCopy {

  private static final String COPY =
      "COPY trust_snapshots (target_id, computed_at, cause, release_id, wave, mean, lower_bound,"
          + " history_mean, health, evidence, good, bad, posterior_alpha, posterior_beta, impact,"
          + " risk, inputs, model_id) FROM STDIN (FORMAT binary)";

  private static final int COLUMNS = 18;

  /** The binary format's signature: "PGCOPY\n\377\r\n\0". */
  private static final byte[] SIGNATURE = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0
  };

  /** PostgreSQL's timestamps count microseconds from 2000-01-01T00:00:00Z. */
  private static final long POSTGRES_EPOCH_SECONDS =
      Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();

  /**
   * Bytes gathered before they go to the server: PostgreSQL stores one buffer's rows while the next
   * ones are encoded, and a fleet of any size holds no more than this in memory.
   */
  private static final int BUFFER_BYTES = 1 << 16;

  private SnapshotCopy() {}

  /**
   * Copies {@code rows} in one stream, as they are produced: a lazy iterable's rows are built while
   * the server stores the ones before them.
   *
   * @return how many rows were copied
   */
  static long copy(Handle handle, Iterable<TrustSnapshotRow> rows, Long modelId) {
    long copied = 0;
    PGCopyOutputStream stream = null;
    try {
      PGConnection connection = handle.getConnection().unwrap(PGConnection.class);
      stream = new PGCopyOutputStream(connection, COPY, BUFFER_BYTES);
      // DataOutputStream writes a number byte by byte; the buffer hands the COPY whole chunks.
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream, BUFFER_BYTES));
      out.write(SIGNATURE);
      out.writeInt(0); // flags: no OIDs
      out.writeInt(0); // no header extension
      for (TrustSnapshotRow row : rows) {
        tuple(out, row, modelId);
        copied++;
      }
      out.writeShort(-1); // end of data
      out.close(); // sends the rest and ends the COPY
      return copied;
    } catch (SQLException | IOException | RuntimeException e) {
      // A row that failed to build or send ends the COPY unfinished: the server discards it, and
      // the caller's transaction rolls back whole.
      cancel(stream, e);
      if (e instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      throw new IllegalStateException(
          "could not store trust snapshots (" + copied + " sent before the failure)", e);
    }
  }

  private static void cancel(PGCopyOutputStream stream, Exception failure) {
    if (stream == null || !stream.isActive()) {
      return;
    }
    try {
      stream.cancelCopy();
    } catch (SQLException cancelFailed) {
      failure.addSuppressed(cancelFailed);
    }
  }

  private static void tuple(DataOutputStream out, TrustSnapshotRow r, Long modelId)
      throws IOException {
    out.writeShort(COLUMNS);
    text(out, r.targetId());
    timestamp(out, r.computedAt());
    text(out, r.cause());
    text(out, r.releaseId());
    if (r.wave() == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(4);
      out.writeInt(r.wave());
    }
    float8(out, r.mean());
    float8(out, r.lowerBound());
    float8(out, r.historyMean());
    float8(out, r.health());
    float8(out, r.evidence());
    float8(out, r.good());
    float8(out, r.bad());
    float8(out, r.posteriorAlpha());
    float8(out, r.posteriorBeta());
    float8(out, r.impact());
    float8(out, r.risk());
    text(out, r.inputs()); // json's binary form is its text
    if (modelId == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(8);
      out.writeLong(modelId);
    }
  }

  /** A text field as UTF-8; null as SQL NULL. */
  private static void text(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static void float8(DataOutputStream out, Double value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(8);
    out.writeDouble(value);
  }

  private static void timestamp(DataOutputStream out, Instant at) throws IOException {
    long micros =
        Math.multiplyExact(at.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L)
            + (at.getNano() + 500) / 1_000; // rounded, as PostgreSQL rounds a text timestamp
    out.writeInt(8);
    out.writeLong(micros);
  }
}
