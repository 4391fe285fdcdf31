package io.waveguard.api.pages;

import io.waveguard.activities.db.AuditEntry;

/**
 * A position in a release's audit log (oldest first): the id of the last entry of a page. The log
 * is append-only and ids only grow, so entries written while a client walks the pages come after
 * every page it already has.
 */
public record AuditCursor(long afterId) {

  private static final String KIND = "a1";

  /** Before the first entry. */
  public static final AuditCursor START = new AuditCursor(0);

  public static AuditCursor after(AuditEntry entry) {
    return new AuditCursor(entry.id());
  }

  /** The cursor a request carries, or {@link #START} for the first page. */
  public static AuditCursor parse(String raw) {
    String position = Cursors.decode(KIND, raw);
    if (position == null) {
      return START;
    }
    try {
      long id = Long.parseLong(position);
      if (id <= 0) {
        throw Cursors.malformed();
      }
      return new AuditCursor(id);
    } catch (NumberFormatException e) {
      throw Cursors.malformed();
    }
  }

  public String encode() {
    return Cursors.encode(KIND, Long.toString(afterId));
  }
}
