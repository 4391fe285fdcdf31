package io.waveguard.api.operatorcli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The body of a start or a dry run: {@code --file} (the API's JSON body, {@code -} for stdin) with
 * flags laid over it, a flag winning over the file. The server validates what comes out.
 */
final class ReleaseRequests {

  static final Set<String> OPTIONS =
      Set.of(
          "file",
          "id",
          "service",
          "version",
          "strategy",
          "segment",
          "tier",
          "label",
          "policy",
          "gate",
          "alpha",
          "tolerance",
          "gate-period",
          "min-bake",
          "max-bake",
          "bake",
          "max-bake-extensions",
          "first-wave-percent",
          "wave-growth",
          "approval-tier",
          "when-targets-held");

  private ReleaseRequests() {}

  static ObjectNode body(CliArgs args, InputStream stdin) {
    ObjectNode body =
        args.has("file") ? object(read(args.value("file"), stdin), "--file") : object(null, null);
    put(body, "releaseId", args.value("id"));
    put(body, "service", args.value("service"));
    put(body, "version", args.value("version"));
    put(body, "strategy", args.value("strategy"));
    selector(body, args);
    policy(body, args);
    return body;
  }

  private static void selector(ObjectNode body, CliArgs args) {
    List<String> segments = args.values("segment");
    List<String> tiers = args.values("tier");
    List<String> labels = args.values("label");
    if (segments.isEmpty() && tiers.isEmpty() && labels.isEmpty()) {
      return;
    }
    ObjectNode selector = child(body, "selector");
    if (!segments.isEmpty()) {
      array(selector, "segments", segments);
    }
    if (!tiers.isEmpty()) {
      array(selector, "tiers", tiers);
    }
    for (String label : labels) {
      String[] pair = pair(label, "--label");
      child(selector, "labels").put(pair[0], pair[1]);
    }
  }

  private static void policy(ObjectNode body, CliArgs args) {
    if (args.has("policy")) {
      JsonNode file = object(read(args.value("policy"), null), "--policy");
      child(body, "policy").setAll((ObjectNode) file);
    }
    ObjectNode flags = WaveguardClient.JSON.createObjectNode();
    put(flags, "gateMode", args.value("gate"));
    putNumber(flags, "alpha", args.number("alpha"));
    putWhole(flags, "gatePeriodSeconds", args.whole("gate-period"));
    putWhole(flags, "minBakeSeconds", args.whole("min-bake"));
    putWhole(flags, "maxBakeSeconds", args.whole("max-bake"));
    putWhole(flags, "bakeSeconds", args.whole("bake"));
    putWhole(flags, "maxBakeExtensions", args.whole("max-bake-extensions"));
    putNumber(flags, "firstWavePercent", args.number("first-wave-percent"));
    putNumber(flags, "waveGrowthFactor", args.number("wave-growth"));
    put(flags, "whenTargetsHeld", args.value("when-targets-held"));
    if (!args.values("approval-tier").isEmpty()) {
      array(flags, "approvalTiers", args.values("approval-tier"));
    }
    for (String tolerance : args.values("tolerance")) {
      String[] pair = pair(tolerance, "--tolerance");
      try {
        child(flags, "tierTolerances").put(pair[0], Double.parseDouble(pair[1]));
      } catch (NumberFormatException e) {
        throw new UsageException("--tolerance " + tolerance + ": the ratio must be a number");
      }
    }
    if (!flags.isEmpty()) {
      ObjectNode policy = child(body, "policy");
      if (flags.has("tierTolerances") && policy.get("tierTolerances") instanceof ObjectNode set) {
        set.setAll((ObjectNode) flags.remove("tierTolerances"));
      }
      policy.setAll(flags);
    }
  }

  private static JsonNode read(String source, InputStream stdin) {
    try {
      if (source.equals("-") && stdin != null) {
        return WaveguardClient.JSON.readTree(stdin);
      }
      return WaveguardClient.JSON.readTree(Files.readString(Path.of(source)));
    } catch (NoSuchFileException e) {
      throw new UsageException("no such file: " + source);
    } catch (IOException e) {
      throw new UsageException(source + " is not JSON: " + firstLine(e.getMessage()));
    }
  }

  private static ObjectNode object(JsonNode node, String flag) {
    if (node == null) {
      return WaveguardClient.JSON.createObjectNode();
    }
    if (node instanceof ObjectNode object) {
      return object;
    }
    throw new UsageException(flag + " must hold a JSON object");
  }

  private static ObjectNode child(ObjectNode parent, String name) {
    if (parent.get(name) instanceof ObjectNode existing) {
      return existing;
    }
    return parent.putObject(name);
  }

  private static void array(ObjectNode parent, String name, List<String> values) {
    ArrayNode array = parent.putArray(name);
    values.forEach(array::add);
  }

  private static String[] pair(String raw, String flag) {
    int eq = raw.indexOf('=');
    if (eq <= 0) {
      throw new UsageException(flag + " takes NAME=VALUE, not '" + raw + "'");
    }
    return new String[] {raw.substring(0, eq).strip(), raw.substring(eq + 1).strip()};
  }

  private static void put(ObjectNode node, String name, String value) {
    if (value != null) {
      node.put(name, value);
    }
  }

  private static void putNumber(ObjectNode node, String name, Double value) {
    if (value != null) {
      node.put(name, value);
    }
  }

  private static void putWhole(ObjectNode node, String name, Long value) {
    if (value != null) {
      node.put(name, value);
    }
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
