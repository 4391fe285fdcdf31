package io.waveguard.api.operatorcli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A dry run as tables: the waves with their tiers (from the placements) and why each was cut there,
 * then every target in deployment order with its trust, impact, risk and the reason for its place.
 */
final class PlanTable {

  private PlanTable() {}

  static void print(JsonNode plan, PrintStream out) {
    out.printf(
        "Plan for %s %s (%s) as of %s: %d targets in %d waves%n%n",
        plan.path("service").asText(),
        plan.path("version").asText(),
        plan.path("strategy").asText(),
        plan.path("plannedAt").asText(),
        plan.path("targetCount").asInt(),
        plan.path("waves").size());
    Map<Integer, Map<String, Integer>> tiers = new TreeMap<>();
    for (JsonNode p : plan.path("placements")) {
      tiers
          .computeIfAbsent(p.path("wave").asInt(), k -> new TreeMap<>(PlanTable::byTierOrder))
          .merge(p.path("tier").asText(), 1, Integer::sum);
    }
    Table waves = new Table("WAVE", "TARGETS", "TIERS", "IMPACT", "REASON");
    for (JsonNode w : plan.path("waves")) {
      int index = w.path("index").asInt();
      waves.row(
          index,
          w.path("targetCount").asInt(),
          tierMix(tiers.get(index), w.path("highestTier").asText()),
          fixed(w.path("impact").asDouble()),
          w.path("reason").asText());
    }
    waves.print(out);
    out.println();
    Table targets = new Table("TARGET", "WAVE", "TIER", "TRUST", "IMPACT", "RISK", "REASON");
    for (JsonNode p : plan.path("placements")) {
      targets.row(
          p.path("targetId").asText(),
          p.path("wave").asInt(),
          p.path("tier").asText(),
          String.format(Locale.ROOT, "%.3f", p.path("trustLowerBound").asDouble()),
          fixed(p.path("impact").asDouble()),
          fixed(p.path("risk").asDouble()),
          p.path("reason").asText());
    }
    targets.print(out);
  }

  /** {@code low×4 standard×2}, lowest tier first; the highest tier alone when no placements. */
  private static String tierMix(Map<String, Integer> mix, String highest) {
    if (mix == null || mix.isEmpty()) {
      return highest;
    }
    StringBuilder text = new StringBuilder();
    mix.forEach(
        (tier, n) -> text.append(text.isEmpty() ? "" : " ").append(tier).append('×').append(n));
    return text.toString();
  }

  private static int byTierOrder(String a, String b) {
    return Integer.compare(rank(a), rank(b)) != 0
        ? Integer.compare(rank(a), rank(b))
        : a.compareTo(b);
  }

  private static int rank(String tier) {
    return switch (tier) {
      case "low" -> 0;
      case "standard" -> 1;
      case "finance-critical" -> 2;
      case "safety-critical" -> 3;
      default -> 4;
    };
  }

  private static String fixed(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
