package io.waveguard.activities;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 based hashes for seeds and keys. Unlike {@code String.hashCode} they are 64 bits wide, so
 * they do not collide across a large fleet, and they are the same on every JVM and restart.
 */
public final class StableHash {

  private StableHash() {}

  /** The first 8 bytes of the text's SHA-256, as a long. */
  public static long of(String text) {
    byte[] digest = sha256(text);
    long value = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      value = (value << 8) | (digest[i] & 0xFF);
    }
    return value;
  }

  /** The first 8 bytes of the text's SHA-256, as 16 hex digits. */
  public static String hex(String text) {
    return HexFormat.of().formatHex(sha256(text), 0, Long.BYTES);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM ships SHA-256", e);
    }
  }
}
