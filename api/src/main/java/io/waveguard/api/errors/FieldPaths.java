package io.waveguard.api.errors;

import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.List;

/** Turns Jackson and Bean Validation paths into the JSON path a client sent: a.b[2].c. */
public final class FieldPaths {

  private FieldPaths() {}

  /** From a Jackson error's reference chain; null when the error is about the whole body. */
  public static String of(List<JsonMappingException.Reference> path) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference ref : path) {
      if (ref.getFieldName() != null) {
        appendName(out, ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.isEmpty() ? null : out.toString();
  }

  /**
   * From a constraint violation's property path, without the resource method and parameter that
   * Jersey puts in front; null when the violation is about the whole body.
   */
  public static String of(Path path) {
    StringBuilder out = new StringBuilder();
    for (Path.Node node : path) {
      ElementKind kind = node.getKind();
      if (kind == ElementKind.METHOD
          || kind == ElementKind.CONSTRUCTOR
          || kind == ElementKind.PARAMETER
          || kind == ElementKind.CROSS_PARAMETER
          || kind == ElementKind.RETURN_VALUE) {
        continue;
      }
      // The index of an element sits on the node that follows its container.
      if (node.isInIterable()) {
        if (node.getIndex() != null) {
          out.append('[').append(node.getIndex()).append(']');
        } else if (node.getKey() != null) {
          out.append("[\"").append(node.getKey()).append("\"]");
        }
      }
      if (kind == ElementKind.PROPERTY && node.getName() != null) {
        appendName(out, node.getName());
      }
    }
    return out.isEmpty() ? null : out.toString();
  }

  private static void appendName(StringBuilder out, String name) {
    if (!out.isEmpty()) {
      out.append('.');
    }
    out.append(name);
  }
}
