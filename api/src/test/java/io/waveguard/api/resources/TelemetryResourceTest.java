package io.waveguard.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.activities.db.TelemetryDao;
import io.waveguard.api.support.Api;
import io.waveguard.api.support.Api.Answer;
import io.waveguard.api.support.TestApp;
import io.waveguard.policy.model.CohortStats;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pushed telemetry is stored for known targets, and a bad batch is refused whole. */
class TelemetryResourceTest {

  private static Api api;
  private static Jdbi jdbi;

  @BeforeAll
  static void startAppWithTargets() {
    TestApp app = TestApp.get();
    api = app.api();
    jdbi = app.jdbi();
    for (String id : List.of("tele-1", "tele-2")) {
      api.put(
          "/api/v1/targets/" + id,
          """
          {"service": "tele", "segment": "eu", "tier": "low", "size": 1}""");
    }
  }

  private static String sample(
      String targetId, String start, String end, long requests, long errors) {
    return """
        {"targetId": "%s", "windowStart": "%s", "windowEnd": "%s", "requests": %d, "errors": %d,
         "latencyP99Ms": 120.5}"""
        .formatted(targetId, start, end, requests, errors);
  }

  private static String batch(String... samples) {
    return "{\"samples\": [" + String.join(",", samples) + "]}";
  }

  private static CohortStats stored(String targetId) {
    return jdbi.withExtension(
        TelemetryDao.class,
        dao ->
            dao.aggregate(
                List.of(targetId),
                Instant.parse("2030-01-01T00:00:00Z"),
                Instant.parse("2030-01-02T00:00:00Z")));
  }

  @Test
  void goodBatchIsStoredAndCounted() {
    Answer answer =
        api.post(
            "/api/v1/telemetry",
            batch(
                sample("tele-1", "2030-01-01T00:00:00Z", "2030-01-01T00:01:00Z", 1000, 3),
                sample("tele-1", "2030-01-01T00:01:00Z", "2030-01-01T00:02:00Z", 900, 0)));

    assertThat(answer.status()).isEqualTo(202);
    assertThat(answer.body().get("accepted").asInt()).isEqualTo(2);
    assertThat(stored("tele-1")).isEqualTo(new CohortStats(1, 1900, 3));
  }

  @Test
  void unknownTargetIs422NamingTheSampleAndStoresNothing() {
    Answer answer =
        api.post(
            "/api/v1/telemetry",
            batch(
                sample("tele-2", "2030-01-01T00:00:00Z", "2030-01-01T00:01:00Z", 10, 0),
                sample("ghost", "2030-01-01T00:00:00Z", "2030-01-01T00:01:00Z", 10, 0)));

    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.text("error")).isEqualTo("unknown_target");
    assertThat(answer.text("field")).isEqualTo("samples[1].targetId");
    assertThat(stored("tele-2").requests()).isZero();
  }

  @Test
  void inconsistentSamplesAre400NamingTheField() {
    Answer moreErrorsThanRequests =
        api.post(
            "/api/v1/telemetry",
            batch(sample("tele-2", "2030-01-01T00:00:00Z", "2030-01-01T00:01:00Z", 10, 11)));
    Answer endBeforeStart =
        api.post(
            "/api/v1/telemetry",
            batch(sample("tele-2", "2030-01-01T00:01:00Z", "2030-01-01T00:00:00Z", 10, 1)));
    Answer badInstant =
        api.post(
            "/api/v1/telemetry",
            batch(sample("tele-2", "yesterday", "2030-01-01T00:00:00Z", 10, 1)));
    Answer negativeRequests =
        api.post(
            "/api/v1/telemetry",
            batch(sample("tele-2", "2030-01-01T00:00:00Z", "2030-01-01T00:01:00Z", -1, 0)));
    Answer empty = api.post("/api/v1/telemetry", batch());

    assertThat(moreErrorsThanRequests.status()).isEqualTo(400);
    assertThat(moreErrorsThanRequests.text("field")).isEqualTo("samples[0].errors");
    assertThat(endBeforeStart.text("field")).isEqualTo("samples[0].windowEnd");
    assertThat(badInstant.status()).isEqualTo(400);
    assertThat(badInstant.text("field")).isEqualTo("samples[0].windowStart");
    assertThat(negativeRequests.text("field")).isEqualTo("samples[0].requests");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.text("field")).isEqualTo("samples");
    assertThat(stored("tele-2").requests()).isZero();
  }

  @Test
  void windowsPostgresqlCannotStoreAre400NamingTheField() {
    Answer farFuture =
        api.post(
            "/api/v1/telemetry",
            batch(
                sample("tele-2", "2030-01-01T00:00:00Z", "2030-01-01T00:01:00Z", 10, 0),
                sample("tele-2", "+300000-01-01T00:00:00Z", "+300000-01-01T00:01:00Z", 10, 0)));
    Answer farPast =
        api.post(
            "/api/v1/telemetry",
            batch(sample("tele-2", "-5000-01-01T00:00:00Z", "2030-01-01T00:01:00Z", 10, 0)));

    assertThat(farFuture.status()).isEqualTo(400);
    assertThat(farFuture.text("field")).isEqualTo("samples[1].windowStart");
    assertThat(farPast.status()).isEqualTo(400);
    assertThat(farPast.text("field")).isEqualTo("samples[0].windowStart");
    assertThat(stored("tele-2").requests()).isZero();
  }

  @Test
  void aBatchWithSeveralBadSamplesNamesTheFirstViolationInPathOrder() {
    Answer answer =
        api.post(
            "/api/v1/telemetry",
            batch(
                sample("tele-2", "2030-01-01T00:00:00Z", "2030-01-01T00:01:00Z", 10, 0),
                sample("tele-2", "2030-01-01T00:01:00Z", "2030-01-01T00:02:00Z", -5, 0),
                sample(" ", "2030-01-01T00:02:00Z", "2030-01-01T00:03:00Z", 10, -1)));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.text("error")).isEqualTo("invalid_field");
    assertThat(answer.text("field")).isEqualTo("samples[1].requests");
    assertThat(stored("tele-2").requests()).isZero();
  }

  @Test
  void batchOfMoreThanTenThousandSamplesIsRefused() {
    String one = sample("tele-2", "2030-01-01T00:00:00Z", "2030-01-01T00:01:00Z", 1, 0);
    String samples = IntStream.range(0, 10_001).mapToObj(i -> one).collect(Collectors.joining(","));

    Answer answer = api.post("/api/v1/telemetry", "{\"samples\": [" + samples + "]}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.text("field")).isEqualTo("samples");
  }
}
