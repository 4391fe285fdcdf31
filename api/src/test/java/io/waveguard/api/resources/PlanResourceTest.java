package io.waveguard.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waveguard.api.support.Api;
import io.waveguard.api.support.Api.Answer;
import io.waveguard.api.support.TestApp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /api/v1/plans answers the plan a release would follow and starts nothing. */
class PlanResourceTest {

  private static final String SERVICE = "dryrun";
  private static Api api;

  @BeforeAll
  static void fleet() {
    api = TestApp.get().api();
    String[] tiers = {"low", "standard", "finance-critical", "safety-critical"};
    int[] counts = {12, 10, 5, 3};
    for (int t = 0; t < tiers.length; t++) {
      for (int i = 0; i < counts[t]; i++) {
        api.put(
            "/api/v1/targets/%s-%s-%d".formatted(SERVICE, tiers[t], i),
            """
            {"service": "%s", "segment": "eu", "tier": "%s", "size": %d}"""
                .formatted(SERVICE, tiers[t], 1 + i % 3));
      }
    }
  }

  private static String body(String strategy) {
    return """
        {"service": "%s", "version": "9.9", "strategy": "%s"}"""
        .formatted(SERVICE, strategy);
  }

  @Test
  void trustWeightedDryRunPutsSafetyCriticalTargetsOnlyInTheLastWavesWithReasons() {
    Answer plan = api.post("/api/v1/plans", body("trust-weighted"));

    assertThat(plan.status()).isEqualTo(200);
    JsonNode waves = plan.body().get("waves");
    List<String> tiers = new ArrayList<>();
    waves.forEach(w -> tiers.add(w.get("highestTier").asText()));
    int firstSafety = tiers.indexOf("safety-critical");
    assertThat(firstSafety).isPositive();
    assertThat(tiers.subList(firstSafety, tiers.size())).containsOnly("safety-critical");
    assertThat(tiers.get(0)).isEqualTo("low");
    JsonNode placements = plan.body().get("placements");
    assertThat(placements).hasSize(30);
    assertThat(plan.text("nextCursor")).isNull();
    placements.forEach(
        p -> {
          assertThat(p.get("reason").asText()).contains("wave " + p.get("wave").asInt());
          assertThat(p.get("risk").asDouble())
              .isCloseTo(
                  p.get("impact").asDouble() * (1 - p.get("trustLowerBound").asDouble()),
                  org.assertj.core.data.Offset.offset(1e-9));
        });
    waves.forEach(w -> assertThat(w.get("reason").asText()).contains("tier"));
  }

  @Test
  void aDryRunStartsNothingAndStoresNothing() {
    long plansBefore = count("SELECT count(*) FROM plans");
    long snapshotsBefore = count("SELECT count(*) FROM trust_snapshots");

    Answer plan = api.post("/api/v1/plans", body("canary"));

    assertThat(plan.status()).isEqualTo(200);
    assertThat(plan.body().get("targetCount").asInt()).isEqualTo(30);
    assertThat(plan.body().get("placements").get(0).get("reason").asText())
        .contains("canary strategy");
    assertThat(count("SELECT count(*) FROM plans")).isEqualTo(plansBefore);
    assertThat(count("SELECT count(*) FROM trust_snapshots")).isEqualTo(snapshotsBefore);
    assertThat(count("SELECT count(*) FROM releases WHERE service = 'dryrun'")).isZero();
  }

  @Test
  void badInputIs400NamingTheField() {
    Answer unknownStrategy = api.post("/api/v1/plans", body("yolo"));
    Answer noTargets =
        api.post(
            "/api/v1/plans",
            "{\"service\": \"ghost\", \"version\": \"1\", \"strategy\": \"waves\"}");
    Answer missingVersion =
        api.post("/api/v1/plans", "{\"service\": \"dryrun\", \"strategy\": \"waves\"}");

    assertThat(unknownStrategy.status()).isEqualTo(400);
    assertThat(unknownStrategy.text("field")).isEqualTo("strategy");
    assertThat(noTargets.status()).isEqualTo(400);
    assertThat(noTargets.text("field")).isEqualTo("service");
    assertThat(noTargets.text("message")).contains("ghost");
    assertThat(missingVersion.status()).isEqualTo(400);
    assertThat(missingVersion.text("field")).isEqualTo("version");
  }

  @Test
  void aDryRunRefusesThePolicyAStartWouldRefuse() {
    Answer removed =
        api.post(
            "/api/v1/plans",
            """
            {"service": "dryrun", "version": "1", "strategy": "waves",
             "policy": {"maxErrorRateRatio": 2}}""");
    Answer tolerance =
        api.post(
            "/api/v1/plans",
            """
            {"service": "dryrun", "version": "1", "strategy": "waves",
             "policy": {"tierTolerances": {"safety-critical": 0.5}}}""");
    Answer timings =
        api.post(
            "/api/v1/plans",
            """
            {"service": "dryrun", "version": "1", "strategy": "waves",
             "policy": {"minBakeSeconds": 600, "maxBakeSeconds": 300}}""");

    assertThat(removed.status()).isEqualTo(400);
    assertThat(removed.text("field")).isEqualTo("policy.maxErrorRateRatio");
    assertThat(removed.text("message")).contains("policy.tierTolerances");
    assertThat(tolerance.status()).isEqualTo(400);
    assertThat(tolerance.text("field")).isEqualTo("policy.tierTolerances.safety-critical");
    assertThat(timings.status()).isEqualTo(400);
    assertThat(timings.text("field")).isEqualTo("policy.maxBakeSeconds");
  }

  private static long count(String sql) {
    return TestApp.get().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }
}
