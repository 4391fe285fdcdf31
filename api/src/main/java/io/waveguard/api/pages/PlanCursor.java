package io.waveguard.api.pages;

import io.waveguard.activities.StableHash;
import io.waveguard.policy.plan.Placement;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

/**
 * A position in a dry run's placements. A dry run is planned afresh on every request, so the cursor
 * carries what makes the next request plan the same thing: the instant whose trust the first page
 * used, and a fingerprint of the plan that then came out, to tell when the fleet or its evidence up
 * to that instant changed after all.
 *
 * @param offset how many placements earlier pages held
 * @param plannedAt the first page's {@link io.waveguard.api.dto.PlanView#plannedAt}
 * @param fingerprint 16 hex digits over every placement's target and wave, in order
 */
public record PlanCursor(int offset, Instant plannedAt, String fingerprint) {

  private static final String KIND = "p1";

  /** The cursor a request carries, or null for the first page. */
  public static PlanCursor parse(String raw) {
    String position = Cursors.decode(KIND, raw);
    if (position == null) {
      return null;
    }
    String[] parts = position.split(":", -1);
    if (parts.length != 3 || parts[2].length() != 16) {
      throw Cursors.malformed();
    }
    try {
      int offset = Integer.parseInt(parts[0]);
      Instant plannedAt = Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS);
      HexFormat.of().parseHex(parts[2]);
      if (offset <= 0) {
        throw Cursors.malformed();
      }
      return new PlanCursor(offset, plannedAt, parts[2]);
    } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
      throw Cursors.malformed();
    }
  }

  static String fingerprint(List<Placement> placements) {
    StringBuilder order = new StringBuilder(placements.size() * 24);
    for (Placement p : placements) {
      order.append(p.targetId()).append('@').append(p.wave()).append('\n');
    }
    return StableHash.hex(order.toString());
  }

  String encode() {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, plannedAt);
    return Cursors.encode(KIND, offset + ":" + micros + ":" + fingerprint);
  }
}
