package io.waveguard.simulation.scenario;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a scenario YAML file: merges it over the defaults (sections merge, values replace), binds
 * it strictly (an unknown field is an error, not a silent default) and validates it. Every error
 * names the YAML field.
 */
public final class ScenarioLoader {

  /** The paper scenario shipped with the module, also on the classpath. */
  public static final String PAPER = "scenarios/paper.yaml";

  private static final String DEFAULTS = "/io/waveguard/simulation/scenario/defaults.yaml";

  /** The nested sections of a scenario; every other mapping is a value. */
  private static final Set<String> SECTIONS =
      Set.of(
          "fleet",
          "history",
          "fault",
          "policy",
          "gate",
          "sequentialGate",
          "trust",
          "plan",
          "operator");

  private final ObjectMapper yaml =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES);

  public Scenario load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read scenario " + file, e);
    }
  }

  /** A scenario from the classpath, e.g. {@link #PAPER}. */
  public Scenario loadResource(String resource) {
    try (InputStream in = open("/" + resource)) {
      return parse(in, "classpath:" + resource);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read scenario " + resource, e);
    }
  }

  public Scenario parse(String text, String source) {
    try {
      return bind(yaml.readTree(text), source);
    } catch (IOException e) {
      throw new ScenarioException(source + ": not valid YAML: " + e.getMessage(), e);
    }
  }

  private Scenario parse(InputStream in, String source) throws IOException {
    JsonNode tree;
    try {
      tree = yaml.readTree(in);
    } catch (IOException e) {
      throw new ScenarioException(source + ": not valid YAML: " + e.getMessage(), e);
    }
    return bind(tree, source);
  }

  private Scenario bind(JsonNode tree, String source) {
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      throw new ScenarioException(source + ": the file is empty");
    }
    if (!tree.isObject()) {
      throw new ScenarioException(source + ": the top level must be a mapping of fields");
    }
    ObjectNode merged;
    try (InputStream in = open(DEFAULTS)) {
      merged = (ObjectNode) yaml.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    merge(merged, (ObjectNode) tree);
    Scenario scenario;
    try {
      scenario = yaml.treeToValue(merged, Scenario.class);
    } catch (JsonMappingException e) {
      throw new ScenarioException(source + ": field '" + path(e) + "': " + reason(e), e);
    } catch (IOException e) {
      throw new ScenarioException(source + ": " + e.getMessage(), e);
    }
    try {
      ScenarioValidator.validate(scenario);
    } catch (ScenarioException e) {
      throw new ScenarioException(source + ": " + e.getMessage(), e);
    }
    return scenario;
  }

  /**
   * Sections merge field by field; anything else in the override (a value, a list, a map such as
   * {@code tierMix}) replaces the default whole, so a tier mix is never half default.
   */
  private static void merge(ObjectNode into, ObjectNode override) {
    Iterator<Map.Entry<String, JsonNode>> fields = override.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = into.get(field.getKey());
      if (SECTIONS.contains(field.getKey())
          && existing instanceof ObjectNode target
          && field.getValue() instanceof ObjectNode source) {
        merge(target, source);
      } else {
        into.set(field.getKey(), field.getValue());
      }
    }
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static String reason(JsonMappingException e) {
    String message = e.getOriginalMessage();
    if (message.startsWith("Unrecognized field")) {
      return "unknown field (see simulation/README.md for the fields a scenario has)";
    }
    int cut = message.indexOf(" at [Source");
    return cut > 0 ? message.substring(0, cut) : message;
  }

  private static InputStream open(String resource) throws IOException {
    InputStream in = ScenarioLoader.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IOException("missing resource " + resource);
    }
    return in;
  }
}
