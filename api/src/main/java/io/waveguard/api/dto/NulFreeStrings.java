package io.waveguard.api.dto;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Refuses JSON strings and object keys holding a NUL character (U+0000): PostgreSQL cannot store
 * one in text or jsonb, so it must be a 400 naming the field, not a failed write.
 */
final class NulFreeStrings {

  private static final String MESSAGE = "must not contain the NUL character (U+0000)";

  private NulFreeStrings() {}

  static SimpleModule module() {
    return new SimpleModule("nul-free-strings")
        .addDeserializer(String.class, new Values())
        .addKeyDeserializer(String.class, new Keys());
  }

  private static final class Values extends StringDeserializer {
    @Override
    public String deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      String value = super.deserialize(parser, context);
      if (value != null && value.indexOf('\0') >= 0) {
        throw JsonMappingException.from(parser, MESSAGE);
      }
      return value;
    }
  }

  private static final class Keys extends KeyDeserializer {
    @Override
    public Object deserializeKey(String key, DeserializationContext context) throws IOException {
      if (key.indexOf('\0') >= 0) {
        throw JsonMappingException.from(context.getParser(), "keys " + MESSAGE);
      }
      return key;
    }
  }
}
