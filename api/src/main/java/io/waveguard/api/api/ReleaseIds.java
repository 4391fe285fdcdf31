package io.waveguard.api.api;

import java.util.UUID;

/** Release ids: caller-chosen idempotency keys, or generated UUIDs. */
public final class ReleaseIds {

  /** Letters, digits, dot, underscore and dash: safe in a workflow id and in a URL path. */
  public static final String PATTERN = "[A-Za-z0-9._-]{1,64}";

  private static final java.util.regex.Pattern COMPILED = java.util.regex.Pattern.compile(PATTERN);

  private ReleaseIds() {}

  public static boolean isValid(String releaseId) {
    return releaseId != null && COMPILED.matcher(releaseId).matches();
  }

  public static String generate() {
    return UUID.randomUUID().toString();
  }
}
