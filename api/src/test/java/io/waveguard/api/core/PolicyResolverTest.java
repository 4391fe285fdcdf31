package io.waveguard.api.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import io.waveguard.api.dto.ChangeCalendarRequest;
import io.waveguard.api.dto.GateMode;
import io.waveguard.api.dto.PolicyRequest;
import io.waveguard.api.dto.TierTolerancesJson;
import io.waveguard.api.errors.ApiException;
import io.waveguard.policy.calendar.ChangeCalendar;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.SequentialGatePolicy;
import io.waveguard.policy.model.TierTolerances;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Request overrides on the server's defaults make the one policy a release runs under. */
class PolicyResolverTest {

  private static final SequentialGatePolicy SERVER_GATE =
      SequentialGatePolicy.defaults().withTimings(30, 120, 900, 3600);
  private static final PolicyResolver SEQUENTIAL_SERVER =
      new PolicyResolver(GateMode.SEQUENTIAL, SERVER_GATE);
  private static final PolicyResolver PER_WAVE_SERVER =
      new PolicyResolver(GateMode.PER_WAVE, SERVER_GATE);

  /** A request with only the fields the edit sets. */
  private static PolicyRequest request(UnaryOperator<Builder> edit) {
    return edit.apply(new Builder()).build();
  }

  @Test
  void noPolicyResolvesToTheServersSequentialGate() {
    ReleasePolicy policy = SEQUENTIAL_SERVER.resolve(null);

    assertThat(policy.sequentialGate()).isEqualTo(SERVER_GATE);
    assertThat(policy.bakeSeconds()).isEqualTo(ReleasePolicy.defaults().bakeSeconds());
    assertThat(SEQUENTIAL_SERVER.defaults()).isEqualTo(policy);
  }

  @Test
  void requestOverridesWinAndTheRestKeepsTheServersDefaults() {
    ReleasePolicy policy =
        SEQUENTIAL_SERVER.resolve(
            request(
                b -> {
                  b.alpha = 0.02;
                  b.gatePeriodSeconds = 10L;
                  b.minBakeSeconds = 60L;
                  b.maxBakeSeconds = 600L;
                  b.tierTolerances = new TierTolerancesJson(null, 1.3, null, 1.05);
                  b.firstWavePercent = 10.0;
                  return b;
                }));

    SequentialGatePolicy gate = policy.sequentialGate();
    assertThat(gate.alpha()).isEqualTo(0.02);
    assertThat(gate.tolerances()).isEqualTo(new TierTolerances(2.0, 1.3, 1.2, 1.05));
    assertThat(List.of(gate.periodSeconds(), gate.minBakeSeconds(), gate.maxBakeSeconds()))
        .containsExactly(10L, 60L, 600L);
    assertThat(gate.entryAlpha()).isEqualTo(SERVER_GATE.entryAlpha());
    assertThat(gate.baselineSeconds()).isEqualTo(SERVER_GATE.baselineSeconds());
    assertThat(policy.firstWavePercent()).isEqualTo(10.0);
  }

  @Test
  void perWaveModeHasNoSequentialGateFromTheRequestOrTheServer() {
    PolicyRequest perWave =
        request(
            b -> {
              b.gateMode = GateMode.PER_WAVE;
              b.bakeSeconds = 30L;
              return b;
            });

    assertThat(SEQUENTIAL_SERVER.resolve(perWave).sequentialGate()).isNull();
    assertThat(SEQUENTIAL_SERVER.resolve(perWave).bakeSeconds()).isEqualTo(30);
    assertThat(PER_WAVE_SERVER.resolve(null).sequentialGate()).isNull();
    PolicyRequest sequential =
        request(
            b -> {
              b.gateMode = GateMode.SEQUENTIAL;
              return b;
            });
    assertThat(PER_WAVE_SERVER.resolve(sequential).sequentialGate()).isEqualTo(SERVER_GATE);
  }

  @Test
  void sequentialSettingsUnderThePerWaveGateAreRefusedByName() {
    assertRefused(
        PER_WAVE_SERVER,
        request(
            b -> {
              b.alpha = 0.02;
              return b;
            }),
        "policy.alpha",
        "sequential gate only");
    assertRefused(
        SEQUENTIAL_SERVER,
        request(
            b -> {
              b.gateMode = GateMode.PER_WAVE;
              b.tierTolerances = new TierTolerancesJson(1.5, null, null, null);
              return b;
            }),
        "policy.tierTolerances",
        "policy.gateMode is per-wave");
  }

  @Test
  void inconsistentTimingsNameTheOverrideThatBreaksThem() {
    assertRefused(
        SEQUENTIAL_SERVER,
        request(
            b -> {
              b.gatePeriodSeconds = 300L;
              return b;
            }),
        "policy.gatePeriodSeconds",
        "120 s, the server's default");
    assertRefused(
        SEQUENTIAL_SERVER,
        request(
            b -> {
              b.minBakeSeconds = 10L;
              return b;
            }),
        "policy.minBakeSeconds",
        "gate period (30 s");
    assertRefused(
        SEQUENTIAL_SERVER,
        request(
            b -> {
              b.maxBakeSeconds = 60L;
              return b;
            }),
        "policy.maxBakeSeconds",
        "minimum bake (120 s");
    assertRefused(
        SEQUENTIAL_SERVER,
        request(
            b -> {
              b.minBakeSeconds = 1000L;
              return b;
            }),
        "policy.minBakeSeconds",
        "maximum bake (900 s");
  }

  @Test
  void aToleranceOfOneOrLessIsRefusedNamingItsTier() {
    assertRefused(
        SEQUENTIAL_SERVER,
        request(
            b -> {
              b.tierTolerances = new TierTolerancesJson(null, null, 1.0, null);
              return b;
            }),
        "policy.tierTolerances.finance-critical",
        "greater than 1");
    assertRefused(
        SEQUENTIAL_SERVER,
        request(
            b -> {
              b.tierTolerances = new TierTolerancesJson(Double.POSITIVE_INFINITY, null, null, null);
              return b;
            }),
        "policy.tierTolerances.low",
        "finite");
  }

  @Test
  void maxErrorRateRatioIsRefusedNamingWhatReplacedIt() {
    PolicyRequest old =
        request(
            b -> {
              b.maxErrorRateRatio = DoubleNode.valueOf(2.0);
              return b;
            });

    assertThatThrownBy(() -> SEQUENTIAL_SERVER.resolve(old))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.body().error()).isEqualTo("removed_field");
              assertThat(e.body().field()).isEqualTo("policy.maxErrorRateRatio");
              assertThat(e.body().message()).contains("removed").contains("policy.tierTolerances");
            });
  }

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  /** A server whose calendar has a Christmas freeze in Berlin and office-hours windows. */
  private static PolicyResolver serverWithCalendar() {
    ChangeCalendar server =
        new ChangeCalendarRequest(
                "Europe/Berlin",
                List.of(new ChangeCalendarRequest.Window(List.of("mon-fri"), "09:00", "17:00")),
                List.of(
                    new ChangeCalendarRequest.BlackoutPeriod("2026-12-24", "2026-12-26", "freeze")))
            .parse("release.changeCalendar", null)
            .calendar();
    return new PolicyResolver(
        GateMode.SEQUENTIAL,
        ReleasePolicy.defaults().withChangeCalendar(server),
        SERVER_GATE,
        null,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static ChangeCalendarRequest calendar(
      String zone,
      List<ChangeCalendarRequest.Window> windows,
      List<ChangeCalendarRequest.BlackoutPeriod> blackouts) {
    return new ChangeCalendarRequest(zone, windows, blackouts);
  }

  @Test
  void aReleaseWithoutACalendarRunsUnderTheServersAndOneWithWindowsKeepsTheServersFreeze() {
    PolicyResolver server = serverWithCalendar();

    assertThat(server.resolve(null).changeCalendar().windows()).hasSize(1);

    ChangeCalendar own =
        server
            .resolve(
                request(
                    b -> {
                      b.changeCalendar =
                          calendar(
                              "America/New_York",
                              List.of(
                                  new ChangeCalendarRequest.Window(
                                      List.of("sat", "sunday"), "22:00", "02:00")),
                              null);
                      return b;
                    }))
            .changeCalendar();
    assertThat(own.zone()).isEqualTo("America/New_York");
    assertThat(own.windows()).hasSize(1);
    assertThat(own.windows().get(0).days()).containsExactly(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
    // Berlin's freeze from Christmas Eve to the end of the 26th, read in New York's time.
    assertThat(own.blackouts())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.start()).isEqualTo(LocalDateTime.parse("2026-12-23T18:00"));
              assertThat(b.end()).isEqualTo(LocalDateTime.parse("2026-12-26T18:00"));
            });
  }

  @Test
  void aCalendarWithoutWindowsOrBlackoutsIsNoCalendar() {
    ReleasePolicy policy =
        SEQUENTIAL_SERVER.resolve(
            request(
                b -> {
                  b.changeCalendar = calendar("UTC", List.of(), List.of());
                  return b;
                }));

    assertThat(policy.changeCalendar()).isNull();
  }

  @Test
  void calendarsThatCannotBeReadOrAllowNothingAreRefusedNamingTheField() {
    PolicyResolver server = serverWithCalendar();
    ChangeCalendarRequest.Window office =
        new ChangeCalendarRequest.Window(List.of("mon-fri"), "09:00", "17:00");

    assertRefused(
        server,
        requestWith(calendar("Mars/Olympus", List.of(office), null)),
        "policy.changeCalendar.zone",
        "unknown time zone");
    assertRefused(
        server,
        requestWith(calendar("UTC", null, null)),
        "policy.changeCalendar.windows",
        "the server's windows are in Europe/Berlin");
    assertRefused(
        server,
        requestWith(
            calendar(
                "UTC",
                List.of(
                    new ChangeCalendarRequest.Window(List.of("mon", "funday"), "09:00", "17:00")),
                null)),
        "policy.changeCalendar.windows[0].days[1]",
        "not a weekday");
    assertRefused(
        server,
        requestWith(
            calendar(
                "UTC",
                List.of(new ChangeCalendarRequest.Window(List.of("mon"), "25:00", "17:00")),
                null)),
        "policy.changeCalendar.windows[0].start",
        "not a time of day");
    assertRefused(
        server,
        requestWith(
            calendar(
                "UTC",
                List.of(new ChangeCalendarRequest.Window(List.of("mon"), "09:00", "09:00")),
                null)),
        "policy.changeCalendar.windows[0].end",
        "the window is empty");
    assertRefused(
        server,
        requestWith(
            calendar(
                "UTC",
                List.of(office),
                List.of(
                    new ChangeCalendarRequest.BlackoutPeriod(
                        "2026-12-20T10:00", "2026-12-19T10:00", null)))),
        "policy.changeCalendar.blackouts[0].end",
        "is not after its start");
    assertRefused(
        SEQUENTIAL_SERVER,
        requestWith(
            calendar(
                "UTC",
                List.of(),
                List.of(
                    new ChangeCalendarRequest.BlackoutPeriod("2026-01-01", "2099-12-31", null)))),
        "policy.changeCalendar.blackouts",
        "no allowed time at all");
  }

  private static PolicyRequest requestWith(ChangeCalendarRequest calendar) {
    return request(
        b -> {
          b.changeCalendar = calendar;
          return b;
        });
  }

  private static void assertRefused(
      PolicyResolver resolver, PolicyRequest request, String field, String because) {
    assertThatThrownBy(() -> resolver.resolve(request))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.body().field()).isEqualTo(field);
              assertThat(e.body().message()).contains(field).contains(because);
            });
  }

  /** Mutable stand-in for the request's JSON, so each test sets only what it is about. */
  private static final class Builder {
    Long bakeSeconds;
    Double firstWavePercent;
    GateMode gateMode;
    Long gatePeriodSeconds;
    Long minBakeSeconds;
    Long maxBakeSeconds;
    TierTolerancesJson tierTolerances;
    Double alpha;
    JsonNode maxErrorRateRatio;
    ChangeCalendarRequest changeCalendar;

    PolicyRequest build() {
      return new PolicyRequest(
          bakeSeconds,
          null,
          firstWavePercent,
          null,
          null,
          null,
          gateMode,
          gatePeriodSeconds,
          minBakeSeconds,
          maxBakeSeconds,
          tierTolerances,
          alpha,
          maxErrorRateRatio,
          null,
          changeCalendar,
          null);
    }
  }
}
