package io.waveguard.api.auth;

import io.waveguard.activities.db.ApiTokenDao;
import io.waveguard.activities.db.ApiTokenRow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API tokens: {@code wg_} and 256 random bits in URL-safe Base64. Only the SHA-256 of a token is
 * stored; a token is found by that hash (an index lookup, so the time it takes says nothing about
 * how much of a guess was right) and compared in constant time. The first {@value #PREFIX_LENGTH}
 * characters are its prefix, shown in listings and logs.
 */
public final class ApiTokens {

  static final String MARKER = "wg_";

  static final int PREFIX_LENGTH = MARKER.length() + 8;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:-]{0,127}");

  private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);

  private final Jdbi jdbi;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public ApiTokens(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** A new token, and the one time its value is known: only its hash is kept. */
  public record Issued(long id, String name, Role role, String token, String prefix) {}

  /**
   * Issues a token.
   *
   * @param services null for every service
   * @param expiresAt null for a token that never expires
   * @throws IllegalArgumentException for a name or service that is not a plain identifier, or a
   *     name a live token already has
   */
  public Issued create(String name, Role role, Set<String> services, Instant expiresAt) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a token's name is 1-128 letters, digits and . _ @ : - (starting with a letter or digit)");
    }
    if (services != null) {
      if (services.isEmpty()) {
        throw new IllegalArgumentException("services: name at least one, or leave it out for all");
      }
      services.stream()
          .filter(s -> !SERVICE.matcher(s).matches())
          .findFirst()
          .ifPresent(
              s -> {
                throw new IllegalArgumentException("not a service name: '" + s + "'");
              });
    }
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = MARKER + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    String prefix = prefixOf(token);
    String[] scope = services == null ? null : services.stream().sorted().toArray(String[]::new);
    try {
      long id =
          jdbi.withExtension(
              ApiTokenDao.class,
              dao ->
                  dao.insert(
                      name,
                      role.wireName(),
                      scope,
                      prefix,
                      sha256(token),
                      expiresAt == null ? null : Timestamp.from(expiresAt)));
      return new Issued(id, name, role, token, prefix);
    } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
      if (jdbi.withExtension(ApiTokenDao.class, ApiTokenDao::list).stream()
          .anyMatch(row -> row.name().equals(name) && row.revokedAt() == null)) {
        throw new IllegalArgumentException(
            "a live token named '%s' exists; revoke it first or pick another name".formatted(name));
      }
      throw e;
    }
  }

  /** Every token, revoked and expired ones included, oldest first. */
  public List<ApiTokenRow> list() {
    return jdbi.withExtension(ApiTokenDao.class, ApiTokenDao::list);
  }

  /**
   * Revokes the token with this id, or else the live token with this name.
   *
   * @return whether a token was revoked
   */
  public boolean revoke(String idOrName) {
    return jdbi.withExtension(
        ApiTokenDao.class,
        dao -> {
          if (idOrName.chars().allMatch(Character::isDigit) && !idOrName.isEmpty()) {
            try {
              if (dao.revokeById(Long.parseLong(idOrName)) > 0) {
                return true;
              }
            } catch (NumberFormatException tooLong) {
              // Not an id then; perhaps a name.
            }
          }
          return dao.revokeByName(idOrName) > 0;
        });
  }

  /** Whether this looks like one of ours (else it may be a JWT). */
  static boolean isApiToken(String credential) {
    return credential.startsWith(MARKER);
  }

  /** The caller this token belongs to, when it is known, live and not revoked. */
  Optional<Caller> authenticate(String token) {
    byte[] hash = sha256(token);
    Optional<ApiTokenRow> row =
        jdbi.withExtension(ApiTokenDao.class, dao -> dao.findByHash(hash))
            .filter(found -> MessageDigest.isEqual(found.hash(), hash));
    String prefix = prefixOf(token);
    if (row.isEmpty()) {
      log.warn("unknown API token {}", prefix);
      return Optional.empty();
    }
    ApiTokenRow found = row.get();
    if (found.revokedAt() != null) {
      log.warn("revoked API token {} ({}, id {})", prefix, found.name(), found.id());
      return Optional.empty();
    }
    if (!found.isLive(clock.instant())) {
      log.warn("expired API token {} ({}, id {})", prefix, found.name(), found.id());
      return Optional.empty();
    }
    Optional<Role> role = Role.fromWireName(found.role());
    if (role.isEmpty()) {
      log.warn("API token {} has an unknown role {}", prefix, found.role());
      return Optional.empty();
    }
    Set<String> services = found.services() == null ? null : new HashSet<>(found.services());
    return Optional.of(new Caller(found.name(), role.get(), services, found.expiresAt(), "token"));
  }

  /** The part of a token that may be shown: never enough of it to use. */
  static String prefixOf(String token) {
    return token.length() <= PREFIX_LENGTH ? MARKER + "…" : token.substring(0, PREFIX_LENGTH);
  }

  static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
