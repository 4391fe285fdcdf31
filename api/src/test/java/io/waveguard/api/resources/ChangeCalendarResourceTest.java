package io.waveguard.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.api.config.WaveguardConfiguration;
import io.waveguard.api.dto.ChangeCalendarRequest;
import io.waveguard.api.embedded.WaveguardServer;
import io.waveguard.api.support.Api;
import io.waveguard.api.support.Api.Answer;
import io.waveguard.api.support.Eventually;
import io.waveguard.api.support.TestApp;
import io.waveguard.simulatedfleet.FleetTargets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A release's change calendar through the API: a blackout holds its first wave (and says until
 * when), a bad calendar is a 400 naming the field that starts nothing, the dry run shows when each
 * wave could start, and GET /api/v1/calendar shows the server's.
 */
class ChangeCalendarResourceTest {

  private static final String SERVICE = "calendar";

  private static Api api;
  private static WaveguardServer withServerCalendar;
  private static Api serverCalendarApi;

  @BeforeAll
  static void fleetAndAServerWithAFreeze() throws Exception {
    TestApp app = TestApp.get();
    api = app.api();
    app.jdbi()
        .useExtension(
            TargetDao.class, dao -> FleetTargets.generate(SERVICE, 8, 3).forEach(dao::upsert));
    WaveguardConfiguration config = TestApp.configuration("waveguard-test", false);
    config.getRelease().changeCalendar =
        new ChangeCalendarRequest(
            "Europe/Berlin",
            List.of(new ChangeCalendarRequest.Window(List.of("mon-fri"), "09:00", "17:00")),
            List.of(
                new ChangeCalendarRequest.BlackoutPeriod("2026-12-24", "2026-12-26", "freeze")));
    withServerCalendar = WaveguardServer.start(config);
    serverCalendarApi = new Api(withServerCalendar.baseUri());
  }

  @AfterAll
  static void stop() throws Exception {
    withServerCalendar.close();
  }

  private static String release(String id, String calendarJson) {
    return """
        {"releaseId": "%s", "service": "%s", "version": "1.0", "strategy": "waves",
         "policy": {"changeCalendar": %s}}"""
        .formatted(id, SERVICE, calendarJson);
  }

  @Test
  void aReleaseStartedInsideABlackoutWaitsAndSaysUntilWhenAndAnAbortIsNotHeld() {
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    String later = LocalDate.now(ZoneOffset.UTC).plusDays(2).toString();
    Answer started =
        api.post(
            "/api/v1/releases",
            release(
                "calendar-waits",
                """
                {"zone": "UTC", "blackouts": [{"start": "%s", "end": "%s", "reason": "audit"}]}"""
                    .formatted(today, later)));

    assertThat(started.status()).isEqualTo(202);
    assertThat(started.body().at("/policy/changeCalendar/blackouts/0/reason").asText())
        .isEqualTo("audit");
    Answer waiting =
        Eventually.await(
            Duration.ofSeconds(30),
            () -> api.get("/api/v1/releases/calendar-waits"),
            a -> "WAITING_FOR_WINDOW".equals(a.text("status")));
    String until = LocalDate.now(ZoneOffset.UTC).plusDays(3).toString();
    assertThat(waiting.body().toString()).contains("until " + until).contains("audit");

    Answer abort =
        api.post(
            "/api/v1/releases/calendar-waits/abort",
            """
            {"operator": "ops", "reason": "not this week"}""");
    assertThat(abort.status()).isBetween(200, 202);
    Answer aborted =
        Eventually.await(
            Duration.ofSeconds(30),
            () -> api.get("/api/v1/releases/calendar-waits"),
            a -> "ABORTED".equals(a.text("status")));
    assertThat(aborted.text("status")).isEqualTo("ABORTED");
  }

  @Test
  void aCalendarThatCannotBeReadIsA400NamingTheFieldAndStartsNothing() {
    Answer badZone =
        api.post(
            "/api/v1/releases",
            release("calendar-bad-zone", "{\"zone\": \"Mars/Olympus\", \"windows\": []}"));
    Answer backwards =
        api.post(
            "/api/v1/releases",
            release(
                "calendar-backwards",
                """
                {"blackouts": [{"start": "2026-12-20T10:00", "end": "2026-12-19T10:00"}]}"""));
    Answer nothingAllowed =
        api.post(
            "/api/v1/releases",
            release(
                "calendar-never",
                """
                {"blackouts": [{"start": "2020-01-01", "end": "2099-12-31"}]}"""));

    assertThat(badZone.status()).isEqualTo(400);
    assertThat(badZone.text("field")).isEqualTo("policy.changeCalendar.zone");
    assertThat(backwards.status()).isEqualTo(400);
    assertThat(backwards.text("field")).isEqualTo("policy.changeCalendar.blackouts[0].end");
    assertThat(nothingAllowed.status()).isEqualTo(400);
    assertThat(nothingAllowed.text("message")).contains("no allowed time at all");
    for (String id : List.of("calendar-bad-zone", "calendar-backwards", "calendar-never")) {
      assertThat(api.get("/api/v1/releases/" + id).status()).isEqualTo(404);
    }
  }

  @Test
  void theDryRunShowsWhenEachWaveCouldStartInsideTheWindows() {
    Answer plan =
        api.post(
            "/api/v1/plans",
            """
            {"service": "%s", "version": "1.0", "strategy": "waves",
             "policy": {"minBakeSeconds": 7200, "maxBakeSeconds": 14400,
                        "changeCalendar": {"zone": "UTC",
                          "windows": [{"days": ["tue"], "start": "10:00", "end": "12:00"}]}}}"""
                .formatted(SERVICE));

    assertThat(plan.status()).isEqualTo(200);
    List<Instant> starts = new ArrayList<>();
    for (JsonNode wave : plan.body().get("waves")) {
      starts.add(Instant.parse(wave.get("earliestStart").asText()));
    }
    assertThat(starts).hasSizeGreaterThan(1).isSorted();
    // A two-hour window and two-hour bakes: one wave per Tuesday, each at 10:00 UTC.
    for (int i = 0; i < starts.size(); i++) {
      assertThat(starts.get(i).atZone(ZoneOffset.UTC).getDayOfWeek().name()).isEqualTo("TUESDAY");
      if (i > 0) {
        assertThat(Duration.between(starts.get(i - 1), starts.get(i)))
            .isEqualTo(Duration.ofDays(7));
        assertThat(starts.get(i).atZone(ZoneOffset.UTC).getHour()).isEqualTo(10);
      }
    }
  }

  @Test
  void theServersCalendarShowsItsOpeningsAndAppliesToReleasesWithoutOne() {
    Answer week = serverCalendarApi.get("/api/v1/calendar?from=2026-12-21T00:00:00Z&days=7");

    assertThat(week.status()).isEqualTo(200);
    assertThat(week.text("zone")).isEqualTo("Europe/Berlin");
    assertThat(week.body().at("/windows/0/days").toString())
        .isEqualTo("[\"monday\",\"tuesday\",\"wednesday\",\"thursday\",\"friday\"]");
    // Monday to Wednesday 09:00-17:00 Berlin (08:00-16:00 UTC); the freeze takes Thursday and
    // Friday; the week ends Monday 00:00 UTC.
    JsonNode openings = week.body().get("openings");
    assertThat(openings).hasSize(3);
    assertThat(openings.get(0).get("start").asText()).isEqualTo("2026-12-21T08:00:00Z");
    assertThat(openings.get(2).get("end").asText()).isEqualTo("2026-12-23T16:00:00Z");
    assertThat(week.body().get("allowedAt").asBoolean()).isFalse();
    assertThat(week.text("nextAllowed")).isEqualTo("2026-12-21T08:00:00Z");

    Answer plan =
        serverCalendarApi.post(
            "/api/v1/plans",
            """
            {"service": "%s", "version": "1.0", "strategy": "waves"}"""
                .formatted(SERVICE));
    assertThat(plan.status()).isEqualTo(200);
    Instant first = Instant.parse(plan.body().at("/waves/0/earliestStart").asText());
    assertThat(
            serverCalendarApi
                .get("/api/v1/calendar?from=" + first)
                .body()
                .get("allowedAt")
                .asBoolean())
        .isTrue();
  }

  @Test
  void badCalendarQueriesAre400sNamingTheParameter() {
    Answer days = api.get("/api/v1/calendar?days=90");
    Answer from = api.get("/api/v1/calendar?from=tomorrow");

    assertThat(days.status()).isEqualTo(400);
    assertThat(days.text("field")).isEqualTo("days");
    assertThat(from.status()).isEqualTo(400);
    assertThat(from.text("field")).isEqualTo("from");
    assertThat(api.get("/api/v1/calendar").body().get("allowedAt").asBoolean()).isTrue();
  }
}
