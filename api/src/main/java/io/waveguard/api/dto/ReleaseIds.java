package io.waveguard.api.dto;

import java.util.UUID;

/** Release ids: caller-chosen idempotency keys, or generated UUIDs. */
public final class ReleaseIds {

  /**
   * Letters, digits, dot, underscore and dash: safe in a workflow id and in a URL path. Not only
   * dots: a path segment "." or ".." is resolved away before it reaches the server.
   */
  public static final String PATTERN = "[A-Za-z0-9._-]*[A-Za-z0-9_-][A-Za-z0-9._-]*";

  public static final int MAX_LENGTH = 64;

  private static final java.util.regex.Pattern COMPILED = java.util.regex.Pattern.compile(PATTERN);

  private ReleaseIds() {}

  public static boolean isValid(String releaseId) {
    return releaseId != null
        && releaseId.length() <= MAX_LENGTH
        && COMPILED.matcher(releaseId).matches();
  }

  public static String generate() {
    return UUID.randomUUID().toString();
  }
}
