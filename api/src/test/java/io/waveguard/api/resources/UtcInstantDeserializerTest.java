package io.waveguard.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.dropwizard.jackson.Jackson;
import io.waveguard.api.dto.UtcInstantDeserializer;
import io.waveguard.api.dto.WireFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The telemetry DTO's instant reader gives what Jackson's own gives on the API's mapper: the same
 * instant, or a refusal, for well-formed UTC instants, their near misses and other spellings.
 */
class UtcInstantDeserializerTest {

  private static final ObjectMapper MAPPER = WireFormat.configure(Jackson.newObjectMapper());

  record Fast(@JsonDeserialize(using = UtcInstantDeserializer.class) Instant at) {}

  record Standard(Instant at) {}

  @Test
  void everySpellingReadsAsJacksonReadsIt() {
    List<String> values = new ArrayList<>();
    values.addAll(
        List.of(
            "\"2030-01-01T00:01:00Z\"",
            "\"2030-01-01T00:01:00.5Z\"",
            "\"2030-01-01T00:01:00.123456789Z\"",
            "\"2030-01-01T00:01:00.1234567891Z\"",
            "\"2030-01-01T00:01:00.Z\"",
            "\"2030-01-01t00:01:00z\"",
            "\"2030-01-01T00:01:00+00:00\"",
            "\"2030-01-01T02:01:00+02:00\"",
            "\"2030-01-01T00:01Z\"",
            "\"2030-01-01 00:01:00Z\"",
            "\" 2030-01-01T00:01:00Z\"",
            "\"2030-02-29T00:00:00Z\"",
            "\"2028-02-29T00:00:00Z\"",
            "\"2030-04-31T00:00:00Z\"",
            "\"2030-13-01T00:00:00Z\"",
            "\"2030-00-01T00:00:00Z\"",
            "\"2030-01-00T00:00:00Z\"",
            "\"2030-01-01T24:00:00Z\"",
            "\"2030-01-01T23:60:00Z\"",
            "\"2030-01-01T23:59:60Z\"",
            "\"0000-01-01T00:00:00Z\"",
            "\"9999-12-31T23:59:59.999999999Z\"",
            "\"+10000-01-01T00:00:00Z\"",
            "\"-0001-01-01T00:00:00Z\"",
            "\"2030-01-01T00:01:00\"",
            "\"2030-0a-01T00:01:00Z\"",
            "\"２０３０-01-01T00:01:00Z\"",
            "\"\"",
            "\"yesterday\"",
            "1893456060",
            "1893456060.5",
            "null",
            "true",
            "[]"));
    SplittableRandom random = new SplittableRandom(3);
    for (int n = 0; n < 5_000; n++) {
      String fraction =
          random.nextInt(3) == 0 ? "" : "." + "123456789012".substring(0, 1 + random.nextInt(10));
      values.add(
          "\"%04d-%02d-%02dT%02d:%02d:%02d%sZ\""
              .formatted(
                  random.nextInt(10_000),
                  random.nextInt(14),
                  random.nextInt(33),
                  random.nextInt(25),
                  random.nextInt(61),
                  random.nextInt(61),
                  fraction));
    }
    for (String value : values) {
      String json = "{\"at\": " + value + "}";
      assertThat(read(json, Fast.class)).as(value).isEqualTo(read(json, Standard.class));
    }
  }

  /** The instant read, or "refused". */
  private static String read(String json, Class<?> type) {
    try {
      Object read = MAPPER.readValue(json, type);
      return String.valueOf(read instanceof Fast f ? f.at() : ((Standard) read).at());
    } catch (Exception e) {
      return "refused";
    }
  }
}
