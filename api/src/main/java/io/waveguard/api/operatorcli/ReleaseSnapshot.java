package io.waveguard.api.operatorcli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the CLI shows of GET /api/v1/releases/{id}, read leniently: a field the server does not send
 * (an older server, a release started before it existed) is null rather than an error.
 *
 * @param tolerances the sequential gate's tolerance per tier; empty under the per-wave gate
 * @param bakeSeconds the shortest bake of a wave: the sequential gate's minimum, or the per-wave
 *     gate's fixed bake; null when the view has no policy
 * @param createdAt when the release was recorded; null when the server does not say
 */
record ReleaseSnapshot(
    String releaseId,
    String service,
    String version,
    String strategy,
    String status,
    int currentWave,
    int waveCount,
    String waitingFor,
    String pauseReason,
    String outcomeReason,
    List<Wave> waves,
    Map<String, Double> tolerances,
    Long bakeSeconds,
    Instant createdAt,
    List<String> strandedTargets) {

  /** One wave; {@code verdict} and {@code gateReason} are null until its gate has spoken. */
  record Wave(
      int index, int targetCount, String tier, String status, String verdict, String gateReason) {}

  static ReleaseSnapshot of(JsonNode view) {
    List<Wave> waves = new ArrayList<>();
    for (JsonNode wave : view.path("waves")) {
      JsonNode gate = wave.path("gate");
      waves.add(
          new Wave(
              wave.path("index").asInt(),
              wave.path("targetCount").asInt(),
              text(wave, "highestTier"),
              text(wave, "status"),
              text(gate, "verdict"),
              text(gate, "reason")));
    }
    JsonNode policy = view.path("policy");
    JsonNode gate = policy.path("sequentialGate");
    Map<String, Double> tolerances = new LinkedHashMap<>();
    gate.path("tierTolerances")
        .fields()
        .forEachRemaining(e -> tolerances.put(e.getKey(), e.getValue().asDouble()));
    Long bake =
        gate.has("minBakeSeconds")
            ? Long.valueOf(gate.get("minBakeSeconds").asLong())
            : policy.has("bakeSeconds") ? Long.valueOf(policy.get("bakeSeconds").asLong()) : null;
    List<String> stranded = new ArrayList<>();
    view.path("strandedTargets").path("targetIds").forEach(id -> stranded.add(id.asText()));
    String created = text(view, "createdAt");
    return new ReleaseSnapshot(
        text(view, "releaseId"),
        text(view, "service"),
        text(view, "version"),
        text(view, "strategy"),
        text(view, "status"),
        view.path("currentWave").asInt(),
        view.path("waveCount").asInt(),
        text(view, "waitingFor"),
        text(view, "pauseReason"),
        text(view, "outcomeReason"),
        waves,
        tolerances,
        bake,
        created == null ? null : Instant.parse(created),
        stranded);
  }

  /** The wave the release is working on, or null before it has one. */
  Wave current() {
    return waves.stream().filter(w -> w.index() == currentWave).findFirst().orElse(null);
  }

  /** The latest gate that spoke: the current wave's, or the last wave's with a verdict. */
  Wave lastJudged() {
    Wave current = current();
    if (current != null && current.gateReason() != null) {
      return current;
    }
    Wave last = null;
    for (Wave wave : waves) {
      if (wave.gateReason() != null && wave.index() <= Math.max(currentWave, 1)) {
        last = wave;
      }
    }
    return last;
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value.asText();
  }
}
