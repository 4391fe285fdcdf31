package io.waveguard.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waveguard.api.support.Api;
import io.waveguard.api.support.Api.Answer;
import io.waveguard.api.support.TestApp;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Targets are created and replaced with PUT and listed by service and tier. */
class TargetResourceTest {

  private static Api api;

  @BeforeAll
  static void startApp() {
    api = TestApp.get().api();
  }

  private static String target(String service, String tier, double size) {
    return """
        {"service": "%s", "segment": "eu-west", "tier": "%s", "size": %s,
         "labels": {"region": "eu"}}"""
        .formatted(service, tier, size);
  }

  @Test
  void putCreatesWith201ThenReplacesWith200() {
    Answer created = api.put("/api/v1/targets/maps:cell-1", target("maps", "low", 2.5));
    Answer replaced = api.put("/api/v1/targets/maps:cell-1", target("maps", "standard", 4));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.location()).endsWith("/api/v1/targets/maps:cell-1");
    assertThat(created.text("tier")).isEqualTo("low");
    assertThat(replaced.status()).isEqualTo(200);
    JsonNode stored = api.get("/api/v1/targets/maps:cell-1").body();
    assertThat(stored.get("tier").asText()).isEqualTo("standard");
    assertThat(stored.get("size").asDouble()).isEqualTo(4.0);
    assertThat(stored.get("labels").get("region").asText()).isEqualTo("eu");
  }

  @Test
  void listFiltersByServiceAndTierAndPages() {
    api.put("/api/v1/targets/search-1", target("search", "low", 1));
    api.put("/api/v1/targets/search-2", target("search", "finance-critical", 1));
    api.put("/api/v1/targets/search-3", target("search", "low", 1));

    assertThat(ids(api.get("/api/v1/targets?service=search")))
        .containsExactly("search-1", "search-2", "search-3");
    assertThat(ids(api.get("/api/v1/targets?service=search&tier=low")))
        .containsExactly("search-1", "search-3");
    assertThat(ids(api.get("/api/v1/targets?service=search&limit=1&offset=1")))
        .containsExactly("search-2");
  }

  @Test
  void invalidTargetsAre400NamingTheField() {
    Answer badTier = api.put("/api/v1/targets/t-1", target("maps", "gold", 1));
    Answer negativeSize = api.put("/api/v1/targets/t-1", target("maps", "low", -1));
    Answer badId = api.put("/api/v1/targets/bad%20id", target("maps", "low", 1));
    Answer missingService =
        api.put("/api/v1/targets/t-1", "{\"segment\": \"s\", \"tier\": \"low\", \"size\": 1}");
    Answer unknownTierFilter = api.get("/api/v1/targets?tier=gold");

    assertThat(badTier.status()).isEqualTo(400);
    assertThat(badTier.text("field")).isEqualTo("tier");
    assertThat(badTier.text("message")).contains("gold").contains("finance-critical");
    assertThat(negativeSize.status()).isEqualTo(400);
    assertThat(negativeSize.text("field")).isEqualTo("size");
    assertThat(badId.status()).isEqualTo(400);
    assertThat(badId.text("field")).isEqualTo("id");
    assertThat(missingService.text("field")).isEqualTo("service");
    assertThat(unknownTierFilter.status()).isEqualTo(400);
    assertThat(unknownTierFilter.text("field")).isEqualTo("tier");
    assertThat(api.get("/api/v1/targets/t-1").status()).isEqualTo(404);
  }

  private static List<String> ids(Answer list) {
    return StreamSupport.stream(list.body().get("targets").spliterator(), false)
        .map(node -> node.get("id").asText())
        .toList();
  }
}
