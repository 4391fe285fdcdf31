package io.waveguard.api.pages;

import io.waveguard.activities.db.ReleaseRow;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A position in GET /api/v1/releases (newest first, then release id descending): the key of the
 * last release of a page. A keyset rather than an offset, so releases started while a client walks
 * the pages land before its first page and never shift a later one.
 *
 * @param createdAt when the last release was recorded, to PostgreSQL's microsecond
 */
public record ReleaseCursor(Instant createdAt, String releaseId) {

  private static final String KIND = "r1";

  public static ReleaseCursor after(ReleaseRow row) {
    return new ReleaseCursor(row.createdAt(), row.releaseId());
  }

  /** The cursor a request carries, or null for the first page. */
  public static ReleaseCursor parse(String raw) {
    String position = Cursors.decode(KIND, raw);
    if (position == null) {
      return null;
    }
    int colon = position.indexOf(':');
    if (colon <= 0 || colon == position.length() - 1) {
      throw Cursors.malformed();
    }
    try {
      long micros = Long.parseLong(position.substring(0, colon));
      return new ReleaseCursor(
          Instant.EPOCH.plus(micros, ChronoUnit.MICROS), position.substring(colon + 1));
    } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
      throw Cursors.malformed();
    }
  }

  public String encode() {
    return Cursors.encode(
        KIND, ChronoUnit.MICROS.between(Instant.EPOCH, createdAt) + ":" + releaseId);
  }

  /** The position as PostgreSQL compares it. */
  public OffsetDateTime createdAtUtc() {
    return OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC);
  }
}
