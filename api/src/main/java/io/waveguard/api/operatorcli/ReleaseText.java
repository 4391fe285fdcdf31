package io.waveguard.api.operatorcli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Releases, one release and audit logs as text for a human. */
final class ReleaseText {

  private ReleaseText() {}

  static void list(JsonNode page, Table table) {
    for (JsonNode r : page.path("releases")) {
      table.row(
          r.path("releaseId").asText(),
          r.path("service").asText(),
          r.path("version").asText(),
          r.path("strategy").asText(),
          r.path("status").asText(),
          r.path("currentWave").asInt() + "/" + r.path("waveCount").asInt(),
          text(r, "updatedAt"),
          text(r, "reason"));
    }
  }

  static Table listTable() {
    return new Table(
        "RELEASE", "SERVICE", "VERSION", "STRATEGY", "STATUS", "WAVE", "UPDATED", "REASON");
  }

  static void show(JsonNode view, PrintStream out) {
    ReleaseSnapshot s = ReleaseSnapshot.of(view);
    out.printf("%s  %s %s via %s%n", s.releaseId(), s.service(), s.version(), s.strategy());
    out.printf("status     %s, wave %d of %d%n", s.status(), s.currentWave(), s.waveCount());
    out.printf("now        %s%n", Waiting.describe(s));
    if (s.createdAt() != null) {
      out.printf("created    %s%n", s.createdAt());
    }
    out.printf("policy     %s%n", policy(view.path("policy")));
    if (!s.strandedTargets().isEmpty()) {
      out.printf("stranded   %s%n", String.join(", ", s.strandedTargets()));
    }
    out.println();
    Table waves = new Table("WAVE", "TARGETS", "TIER", "STATUS", "GATE");
    for (ReleaseSnapshot.Wave w : s.waves()) {
      waves.row(
          w.index(),
          w.targetCount(),
          w.tier(),
          w.status(),
          w.verdict() == null ? "" : w.verdict() + ": " + w.gateReason());
    }
    waves.print(out);
    JsonNode commands = view.path("commands");
    if (commands.size() > 0) {
      out.println();
      Table table = new Table("AT", "COMMAND", "OPERATOR", "REASON");
      commands.forEach(
          c -> table.row(text(c, "at"), text(c, "action"), text(c, "operator"), text(c, "reason")));
      table.print(out);
    }
  }

  static Table auditTable() {
    return new Table("AT", "ACTION", "OPERATOR", "OUTCOME", "REASON", "DETAIL");
  }

  static void audit(JsonNode page, Table table) {
    for (JsonNode e : page.path("entries")) {
      table.row(
          text(e, "at"),
          text(e, "action"),
          text(e, "operator"),
          text(e, "outcome"),
          text(e, "reason"),
          text(e, "detail"));
    }
  }

  /** {@code sequential gate, alpha 0.01, tolerances low 2.00 ...; bake 3-30 s every 1 s}. */
  static String policy(JsonNode policy) {
    if (policy.isMissingNode() || policy.isNull()) {
      return "unknown";
    }
    List<String> parts = new ArrayList<>();
    JsonNode gate = policy.path("sequentialGate");
    if (gate.isObject()) {
      List<String> tolerances = new ArrayList<>();
      gate.path("tierTolerances")
          .fields()
          .forEachRemaining(
              e -> tolerances.add(e.getKey() + " " + Durations.number(e.getValue().asDouble())));
      parts.add("sequential gate, alpha " + gate.path("alpha").asText());
      parts.add("tolerances " + String.join(", ", tolerances));
      parts.add(
          "bake %s–%s s, judged every %s s"
              .formatted(
                  gate.path("minBakeSeconds").asText(),
                  gate.path("maxBakeSeconds").asText(),
                  gate.path("periodSeconds").asText()));
    } else {
      parts.add(
          "per-wave gate, bake %s s, up to %s extensions"
              .formatted(
                  policy.path("bakeSeconds").asText(), policy.path("maxBakeExtensions").asText()));
    }
    List<String> approvals = new ArrayList<>();
    policy.path("approvalTiers").forEach(t -> approvals.add(t.asText()));
    parts.add("approval " + (approvals.isEmpty() ? "none" : String.join(", ", approvals)));
    return String.join("; ", parts);
  }

  static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value.asText();
  }
}
