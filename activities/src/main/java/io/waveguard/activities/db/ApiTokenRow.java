package io.waveguard.activities.db;

import java.time.Instant;
import java.util.List;

/**
 * One API token as stored: never the token itself, only its SHA-256 and a short prefix.
 *
 * @param services the services it may act on; null for every service
 * @param expiresAt null when it never expires
 * @param revokedAt null while it is not revoked
 */
public record ApiTokenRow(
    long id,
    String name,
    String role,
    List<String> services,
    String prefix,
    byte[] hash,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt) {

  /** Whether the token may be used at {@code now}: neither revoked nor expired. */
  public boolean isLive(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }
}
