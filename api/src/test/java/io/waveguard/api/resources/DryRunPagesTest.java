package io.waveguard.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.api.support.Api;
import io.waveguard.api.support.Api.Answer;
import io.waveguard.api.support.TestApp;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POST /api/v1/plans over a large fleet answers bounded pages of placements, each with every wave,
 * and the pages together place every target exactly once.
 */
class DryRunPagesTest {

  private static final int TARGETS = 2_000;
  private static final String SERVICE = "bigfleet-" + UUID.randomUUID().toString().substring(0, 8);

  private static Api api;

  @BeforeAll
  static void fleet() {
    api = TestApp.get().api();
    upsert(SERVICE, TARGETS);
  }

  @Test
  void pagesOfALargeDryRunAreBoundedAndPlaceEveryTargetExactlyOnce() {
    for (String strategy : List.of("trust-weighted", "canary")) {
      List<Answer> pages = walk(SERVICE, strategy, null);

      assertThat(pages).as(strategy).hasSize(4);
      JsonNode firstWaves = pages.get(0).body().get("waves");
      List<String> placed = new ArrayList<>();
      List<Integer> waveOfEach = new ArrayList<>();
      for (Answer page : pages) {
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().get("placements").size()).isLessThanOrEqualTo(500);
        assertThat(page.raw().length()).isLessThan(400_000);
        assertThat(page.body().get("targetCount").asInt()).isEqualTo(TARGETS);
        // The wave summaries are whole on every page, and account for every target.
        assertThat(page.body().get("waves")).isEqualTo(firstWaves);
        int inWaves = 0;
        for (JsonNode wave : page.body().get("waves")) {
          inWaves += wave.get("targetCount").asInt();
        }
        assertThat(inWaves).isEqualTo(TARGETS);
        page.body()
            .get("placements")
            .forEach(
                p -> {
                  placed.add(p.get("targetId").asText());
                  waveOfEach.add(p.get("wave").asInt());
                });
      }
      assertThat(placed).as(strategy).doesNotHaveDuplicates().hasSize(TARGETS);
      assertThat(placed).containsExactlyInAnyOrderElementsOf(ids(SERVICE, TARGETS));
      assertThat(waveOfEach).as("deployment order across pages").isSorted();
      assertThat(pages.get(3).text("nextCursor")).isNull();
    }
  }

  @Test
  void theLimitSetsThePageSizeWithinItsBounds() {
    assertThat(walk(SERVICE, "canary", 1000)).hasSize(2);
    for (String limit : List.of("0", "1001", "many")) {
      Answer answer = api.post("/api/v1/plans?limit=" + limit, body(SERVICE, "canary"));
      assertThat(answer.status()).as("limit=" + limit).isEqualTo(400);
      assertThat(answer.text("field")).isEqualTo("limit");
    }
  }

  @Test
  void aMalformedCursorIs400AndACursorOfAChangedPlanIs409BothNamingCursor() {
    String service = "smallfleet-" + UUID.randomUUID().toString().substring(0, 8);
    upsert(service, 30);
    Answer first = api.post("/api/v1/plans?limit=10", body(service, "trust-weighted"));
    String cursor = first.text("nextCursor");
    assertThat(cursor).isNotNull();
    Answer malformed = api.post("/api/v1/plans?cursor=bm9wZQ", body(service, "trust-weighted"));
    // A cursor of this plan does not continue another strategy's plan of the same fleet.
    Answer otherPlan = api.post(pagePath(10, cursor), body(service, "all-at-once"));
    upsert(service, 31);
    Answer afterNewTarget = api.post(pagePath(10, cursor), body(service, "trust-weighted"));

    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.text("field")).isEqualTo("cursor");
    assertThat(otherPlan.status()).isEqualTo(409);
    assertThat(otherPlan.text("field")).isEqualTo("cursor");
    assertThat(afterNewTarget.status()).isEqualTo(409);
    assertThat(afterNewTarget.text("field")).isEqualTo("cursor");
    assertThat(afterNewTarget.text("message")).contains("first page");
  }

  /** Every page of a dry run, following nextCursor from the first. */
  private static List<Answer> walk(String service, String strategy, Integer limit) {
    List<Answer> pages = new ArrayList<>();
    String cursor = null;
    do {
      Answer page = api.post(pagePath(limit, cursor), body(service, strategy));
      assertThat(page.status()).as(page.raw()).isEqualTo(200);
      pages.add(page);
      cursor = page.text("nextCursor");
    } while (cursor != null && pages.size() <= TARGETS);
    return pages;
  }

  private static String pagePath(Integer limit, String cursor) {
    List<String> query = new ArrayList<>();
    if (limit != null) {
      query.add("limit=" + limit);
    }
    if (cursor != null) {
      query.add("cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
    }
    return "/api/v1/plans" + (query.isEmpty() ? "" : "?" + String.join("&", query));
  }

  private static String body(String service, String strategy) {
    return """
        {"service": "%s", "version": "3.0", "strategy": "%s"}"""
        .formatted(service, strategy);
  }

  /** A fleet of the first {@code count} targets over all four tiers, mostly low and standard. */
  private static void upsert(String service, int count) {
    Tier[] tiers = {Tier.LOW, Tier.LOW, Tier.STANDARD, Tier.STANDARD, Tier.FINANCE_CRITICAL};
    List<Target> fleet =
        IntStream.range(0, count)
            .mapToObj(
                i ->
                    new Target(
                        ids(service, count).get(i),
                        service,
                        i % 2 == 0 ? "eu" : "us",
                        i % 97 == 0 ? Tier.SAFETY_CRITICAL : tiers[i % tiers.length],
                        1 + i % 4,
                        Map.of()))
            .toList();
    TestApp.get().jdbi().useExtension(TargetDao.class, dao -> dao.upsertAll(fleet));
  }

  private static List<String> ids(String service, int count) {
    return IntStream.range(0, count).mapToObj(i -> "%s-%04d".formatted(service, i)).toList();
  }
}
