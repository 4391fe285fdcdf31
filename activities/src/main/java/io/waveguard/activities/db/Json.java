package io.waveguard.activities.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.Map;

/** JSON (de)serialisation of JSONB columns, failing loudly on corrupt rows. */
final class Json {

  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  private Json() {}

  static String write(Object value) {
    try {
      return Database.JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise " + value.getClass().getName(), e);
    }
  }

  /** A JSONB column as a value of the type it was written from. */
  static <T> T read(String json, Class<T> type) {
    try {
      return Database.JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt JSON column of " + type.getSimpleName(), e);
    }
  }

  static Map<String, String> readStringMap(String json) {
    try {
      return json == null ? Map.of() : Database.JSON.readValue(json, STRING_MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt JSON column: " + json, e);
    }
  }
}
