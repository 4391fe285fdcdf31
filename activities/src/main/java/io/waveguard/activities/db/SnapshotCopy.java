package io.waveguard.activities.db;

import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;

/** Streams trust snapshots into PostgreSQL with {@code COPY ... FROM STDIN (FORMAT csv)}. */
final class SnapshotCopy {

  private static final String COPY =
      "COPY trust_snapshots (target_id, computed_at, cause, release_id, wave, mean, lower_bound,"
          + " history_mean, health, evidence, good, bad, posterior_alpha, posterior_beta, impact,"
          + " risk, inputs, model_id) FROM STDIN (FORMAT csv)";

  /** Rows per COPY chunk: bounds the text held in memory at once for a fleet of any size. */
  private static final int CHUNK = 20_000;

  private SnapshotCopy() {}

  static void copy(Handle handle, List<TrustSnapshotRow> rows, Long modelId) {
    try {
      var copy = handle.getConnection().unwrap(PGConnection.class).getCopyAPI();
      for (int from = 0; from < rows.size(); from += CHUNK) {
        StringBuilder csv = new StringBuilder();
        for (TrustSnapshotRow row : rows.subList(from, Math.min(rows.size(), from + CHUNK))) {
          line(csv, row, modelId);
        }
        copy.copyIn(COPY, new StringReader(csv.toString()));
      }
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("could not store " + rows.size() + " trust snapshots", e);
    }
  }

  private static void line(StringBuilder csv, TrustSnapshotRow r, Long modelId) {
    text(csv, r.targetId()).append(',');
    csv.append(r.computedAt()).append(',');
    text(csv, r.cause()).append(',');
    if (r.releaseId() != null) {
      text(csv, r.releaseId());
    }
    csv.append(',');
    if (r.wave() != null) {
      csv.append(r.wave());
    }
    csv.append(',').append(r.mean()).append(',').append(r.lowerBound());
    csv.append(',').append(r.historyMean()).append(',');
    if (r.health() != null) {
      csv.append(r.health());
    }
    csv.append(',').append(r.evidence()).append(',').append(r.good()).append(',').append(r.bad());
    csv.append(',').append(r.posteriorAlpha()).append(',').append(r.posteriorBeta());
    csv.append(',').append(r.impact()).append(',').append(r.risk()).append(',');
    text(csv, r.inputs()).append(',');
    if (modelId != null) {
      csv.append(modelId);
    }
    csv.append('\n');
  }

  /** A quoted CSV field: never NULL, quotes doubled. */
  private static StringBuilder text(StringBuilder csv, String value) {
    csv.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      csv.append(c);
      if (c == '"') {
        csv.append('"');
      }
    }
    return csv.append('"');
  }
}
