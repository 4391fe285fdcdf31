package io.waveguard.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waveguard.activities.db.OutcomeRow;
import io.waveguard.activities.db.TrustDao;
import io.waveguard.api.support.Api;
import io.waveguard.api.support.Api.Answer;
import io.waveguard.api.support.Eventually;
import io.waveguard.api.support.TestApp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Trust per target: its history with inputs, and the fleet sorted by trust or risk. */
class TargetTrustTest {

  private static final String SERVICE = "trusted";
  private static Api api;

  @BeforeAll
  static void fleetWithHistory() {
    api = TestApp.get().api();
    List<OutcomeRow> outcomes = new ArrayList<>();
    Instant now = Instant.now();
    for (int i = 0; i < 4; i++) {
      String id = "trusted-%d".formatted(i);
      api.put(
          "/api/v1/targets/" + id,
          """
          {"service": "%s", "segment": "eu", "tier": "%s", "size": 1}"""
              .formatted(SERVICE, i == 3 ? "finance-critical" : "low"));
      // trusted-0 has the best record, trusted-2 the worst.
      for (int k = 0; k < 8; k++) {
        boolean bad = (i == 2 && k < 5) || (i == 1 && k < 1);
        outcomes.add(
            new OutcomeRow("past-" + k, id, bad ? "BAD" : "GOOD", "seeded", now.minusSeconds(k)));
      }
    }
    TestApp.get().jdbi().useExtension(TrustDao.class, dao -> dao.insertOutcomes(outcomes));
    // A dry run scores; a release's planning stores snapshots. Start one and wait for its plan.
    api.post(
        "/api/v1/releases",
        """
        {"releaseId": "trusted-r1", "service": "%s", "version": "1.1",
         "strategy": "trust-weighted", "policy": {"bakeSeconds": 3600}}"""
            .formatted(SERVICE));
    Eventually.await(
        Duration.ofSeconds(30),
        () -> api.get("/api/v1/targets/trusted-0/trust").body().get("snapshots").size(),
        count -> count > 0);
  }

  @Test
  void trustHistoryShowsEachComputationWithItsInputsAndCause() {
    Answer history = api.get("/api/v1/targets/trusted-2/trust");

    assertThat(history.status()).isEqualTo(200);
    JsonNode snapshot = history.body().get("snapshots").get(0);
    assertThat(snapshot.get("cause").asText()).isEqualTo("plan");
    assertThat(snapshot.get("releaseId").asText()).isEqualTo("trusted-r1");
    assertThat(snapshot.get("bad").asDouble()).isGreaterThan(4.9);
    assertThat(snapshot.get("inputs").get("model").get("halfLifeDays").asDouble()).isEqualTo(30.0);
    assertThat(snapshot.get("lowerBound").asDouble()).isLessThan(snapshot.get("mean").asDouble());
    assertThat(history.body().get("outcomes")).hasSize(8);
  }

  @Test
  void targetsSortByTrustAndByRisk() {
    List<String> byTrust = ids(api.get("/api/v1/targets?service=trusted&sort=trust"));
    List<String> byRisk = ids(api.get("/api/v1/targets?service=trusted&sort=risk"));

    assertThat(byTrust.get(0)).isEqualTo("trusted-2");
    assertThat(byTrust.indexOf("trusted-0")).isGreaterThan(byTrust.indexOf("trusted-1"));
    // The finance-critical target carries ten times the impact: the most at stake.
    assertThat(byRisk.get(0)).isEqualTo("trusted-3");
    JsonNode first = api.get("/api/v1/targets?service=trusted&sort=risk").body();
    assertThat(first.get("sort").asText()).isEqualTo("risk");
    assertThat(first.get("targets").get(0).get("trust").get("risk").asDouble()).isPositive();
  }

  @Test
  void unknownTargetOrSortIsAClearError() {
    Answer missing = api.get("/api/v1/targets/nobody/trust");
    Answer badSort = api.get("/api/v1/targets?sort=luck");

    assertThat(missing.status()).isEqualTo(404);
    assertThat(badSort.status()).isEqualTo(400);
    assertThat(badSort.text("field")).isEqualTo("sort");
  }

  private static List<String> ids(Answer answer) {
    List<String> ids = new ArrayList<>();
    answer.body().get("targets").forEach(t -> ids.add(t.get("id").asText()));
    return ids;
  }
}
