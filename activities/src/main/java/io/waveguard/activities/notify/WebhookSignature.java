package io.waveguard.activities.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a notification body: HMAC-SHA256, keyed with the webhook's secret, over {@code
 * <timestamp>.<body>}, where the timestamp (Unix seconds) travels in {@value #TIMESTAMP_HEADER} and
 * the signature as {@code sha256=<hex>} in {@value #SIGNATURE_HEADER}. Signing the timestamp lets a
 * receiver refuse a replayed body: it recomputes the signature and rejects a timestamp too old.
 */
public final class WebhookSignature {

  public static final String SIGNATURE_HEADER = "X-Waveguard-Signature";
  public static final String TIMESTAMP_HEADER = "X-Waveguard-Timestamp";

  private static final String ALGORITHM = "HmacSHA256";

  private WebhookSignature() {}

  /** {@code sha256=<lowercase hex>} of {@code <timestamp>.<body>}. */
  public static String sign(String secret, long timestampSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      mac.update((timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** What a receiver checks: the signature matches, compared in constant time. */
  public static boolean verify(String secret, long timestampSeconds, byte[] body, String header) {
    if (header == null) {
      return false;
    }
    byte[] expected = sign(secret, timestampSeconds, body).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8));
  }
}
