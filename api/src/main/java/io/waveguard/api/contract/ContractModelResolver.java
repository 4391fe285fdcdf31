package io.waveguard.api.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Annotation;

/**
 * Swagger's model resolver, saying in each property's schema what the server really does where
 * Swagger's translation of Bean Validation says otherwise:
 *
 * <ul>
 *   <li>{@code @Pattern} matches the whole value; a JSON Schema pattern matches anywhere in it;
 *   <li>{@code @NotBlank} needs a character above U+0020 (Hibernate trims before it checks), which
 *       a {@code @Size(min = 0)} beside it would otherwise hide;
 *   <li>a property of a reference type without {@code @NotNull} may be null: Jackson writes null
 *       fields as null and reads a null as absent.
 * </ul>
 */
final class ContractModelResolver extends ModelResolver {

  /** At least one character that {@code String.trim()} keeps. */
  static final String NOT_BLANK = "[^\\x00-\\x20]";

  ContractModelResolver(ObjectMapper mapper) {
    super(mapper);
  }

  @Override
  protected boolean applyBeanValidatorAnnotations(
      BeanPropertyDefinition property,
      Schema schema,
      Annotation[] annotations,
      Schema parent,
      boolean applyNotNullAnnotations) {
    boolean applied =
        super.applyBeanValidatorAnnotations(
            property, schema, annotations, parent, applyNotNullAnnotations);
    if (schema == null || annotations == null) {
      return applied;
    }
    Pattern pattern = find(annotations, Pattern.class);
    if (pattern != null) {
      schema.setPattern("^(?:" + pattern.regexp() + ")$");
    }
    if (find(annotations, NotBlank.class) != null) {
      schema.setMinLength(Math.max(1, schema.getMinLength() == null ? 0 : schema.getMinLength()));
      schema.setPattern(NOT_BLANK);
    }
    if (property != null && mayBeNull(property, annotations)) {
      schema.setNullable(true);
    }
    return applied;
  }

  private static boolean mayBeNull(BeanPropertyDefinition property, Annotation[] annotations) {
    return !property.getPrimaryType().isPrimitive()
        && find(annotations, NotNull.class) == null
        && find(annotations, NotBlank.class) == null
        && find(annotations, NotEmpty.class) == null;
  }

  private static <A extends Annotation> A find(Annotation[] annotations, Class<A> kind) {
    for (Annotation annotation : annotations) {
      if (kind.isInstance(annotation)) {
        return kind.cast(annotation);
      }
    }
    return null;
  }
}
