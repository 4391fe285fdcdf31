package io.waveguard.api.pages;

import io.waveguard.activities.StableHash;
import io.waveguard.api.errors.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque page cursors: a kind and a position with a checksum, base64url-encoded, so a client passes
 * a cursor back as it got it instead of building one. The kind keeps one listing's cursor from
 * being read as a position in another, and the checksum a truncated or edited cursor from being
 * read as some other position; either is a 400 naming {@code cursor}.
 */
final class Cursors {

  /** Far longer than any cursor this API issues; longer input is refused before decoding. */
  private static final int MAX_LENGTH = 512;

  private Cursors() {}

  static String encode(String kind, String position) {
    String text = kind + ":" + position;
    byte[] signed = (text + "." + StableHash.hex(text)).getBytes(StandardCharsets.UTF_8);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
  }

  /** The position inside a cursor of this kind, or null when the request carries no cursor. */
  static String decode(String kind, String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    if (raw.length() > MAX_LENGTH) {
      throw malformed();
    }
    String signed;
    try {
      signed = new String(Base64.getUrlDecoder().decode(raw.strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw malformed();
    }
    int dot = signed.lastIndexOf('.');
    String text = dot < 0 ? "" : signed.substring(0, dot);
    if (dot < 0 || !signed.substring(dot + 1).equals(StableHash.hex(text))) {
      throw malformed();
    }
    String prefix = kind + ":";
    if (!text.startsWith(prefix) || text.length() == prefix.length()) {
      throw malformed();
    }
    return text.substring(prefix.length());
  }

  static ApiException malformed() {
    return ApiException.invalidField(
        "cursor",
        "cursor is not one this listing issued; pass the nextCursor of the previous page as it"
            + " is, or leave it out for the first page");
  }
}
