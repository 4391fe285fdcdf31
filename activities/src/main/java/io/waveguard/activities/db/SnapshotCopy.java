package io.waveguard.activities.db;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;

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

  /** Rows per COPY chunk: bounds the bytes held in memory at once for a fleet of any size. */
  private static final int CHUNK = 20_000;

  private SnapshotCopy() {}

  static void copy(Handle handle, List<TrustSnapshotRow> rows, Long modelId) {
    try {
      var copy = handle.getConnection().unwrap(PGConnection.class).getCopyAPI();
      for (int from = 0; from < rows.size(); from += CHUNK) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(SIGNATURE);
        out.writeInt(0); // flags: no OIDs
        out.writeInt(0); // no header extension
        for (TrustSnapshotRow row : rows.subList(from, Math.min(rows.size(), from + CHUNK))) {
          tuple(out, row, modelId);
        }
        out.writeShort(-1); // end of data
        out.flush();
        copy.copyIn(COPY, new ByteArrayInputStream(bytes.toByteArray()));
      }
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("could not store " + rows.size() + " trust snapshots", e);
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
