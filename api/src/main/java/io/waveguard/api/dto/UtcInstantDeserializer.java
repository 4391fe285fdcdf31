package io.waveguard.api.dto;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads an instant written as {@code 2030-01-01T00:01:00Z} or with a fraction of up to nine digits
 * ({@code 2030-01-01T00:01:00.25Z}), what telemetry agents send, without {@code java.time}'s
 * formatter: that parse costs more than storing the sample. Anything else (offsets, epoch numbers,
 * years past 9999, a leap second, malformed text) goes to the deserializer Jackson has for {@link
 * Instant}, which answers it, or refuses it, as it would without this one.
 */
public final class UtcInstantDeserializer extends StdScalarDeserializer<Instant> {

  private static final long serialVersionUID = 1L;

  /** "yyyy-mm-ddThh:mm:ssZ". */
  private static final int SHORTEST = 20;

  /** "yyyy-mm-ddThh:mm:ss.nnnnnnnnnZ". */
  private static final int LONGEST = 30;

  public UtcInstantDeserializer() {
    super(Instant.class);
  }

  @Override
  public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    if (parser.hasToken(JsonToken.VALUE_STRING)) {
      Instant fast = parse(parser.getText());
      if (fast != null) {
        return fast;
      }
    }
    JsonDeserializer<Object> standard =
        context.findRootValueDeserializer(context.constructType(Instant.class));
    return (Instant) standard.deserialize(parser, context);
  }

  /**
   * The instant {@code text} names when it has exactly the shape above with values in range; null
   * for anything else, which the standard deserializer then reads.
   */
  static Instant parse(String text) {
    int length = text.length();
    if (length < SHORTEST
        || length > LONGEST
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(length - 1) != 'Z') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    int nanos = 0;
    if (length > SHORTEST) {
      int fraction = length - SHORTEST - 1;
      if (text.charAt(19) != '.' || fraction < 1) {
        return null;
      }
      int value = digits(text, 20, 20 + fraction);
      if (value < 0) {
        return null;
      }
      nanos = value * POWERS_OF_TEN[9 - fraction];
    } else if (text.charAt(19) != 'Z') {
      return null;
    }
    LocalDate date = LocalDate.of(year, month, 1);
    if (day > date.lengthOfMonth()) {
      return null;
    }
    long epochDay = date.toEpochDay() + day - 1;
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
  }

  private static final int[] POWERS_OF_TEN = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
  };

  /** The decimal number text[from, to) spells with ASCII digits only, or -1. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
