package io.waveguard.activities.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.waveguard.activities.TestDatabase;
import io.waveguard.activities.db.Database;
import io.waveguard.activities.db.OutcomeRow;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.activities.db.TelemetryDao;
import io.waveguard.activities.db.TelemetrySample;
import io.waveguard.activities.db.TrustDao;
import io.waveguard.activities.db.TrustSnapshotRow;
import io.waveguard.activities.telemetry.PushTelemetrySource;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.plan.TrustPlanParameters;
import io.waveguard.policy.trust.OutcomeAttribution;
import io.waveguard.policy.trust.TrustParameters;
import io.waveguard.policy.trust.TrustScore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrustEngineTest {

  /** The moment of scoring; every outcome and telemetry window is placed relative to it. */
  private static final Instant AT = Instant.parse("2025-03-01T12:00:00Z");

  private static final Duration HEALTH = Duration.ofMinutes(15);
  private static final Duration BASELINE = Duration.ofMinutes(45);

  /** The defaults, but with the configured Beta(2, 2) prior rather than one fitted to the fleet. */
  private static final TrustSettings FIXED_PRIOR =
      new TrustSettings(
          TrustParameters.defaults(),
          TrustPlanParameters.defaults(),
          OutcomeAttribution.Parameters.defaults(),
          HEALTH,
          BASELINE,
          false);

  private Jdbi jdbi;
  private int releases;

  @BeforeEach
  void setUp() {
    jdbi = TestDatabase.migrated();
  }

  @Test
  void cleanRecordScoresHigherMeanAndLowerBoundThanAMostlyBadOne() {
    Target clean = target("clean", Tier.STANDARD);
    Target shaky = target("shaky", Tier.STANDARD);
    // Recorded at the moment of scoring: no decay yet, so the counts are exact.
    outcomes(clean, AT, 8, 0);
    outcomes(shaky, AT, 2, 6);

    Map<String, TrustScore> scores = engine(FIXED_PRIOR).score(List.of(clean, shaky), AT).scores();

    TrustScore good = scores.get("clean");
    TrustScore bad = scores.get("shaky");
    assertThat(good.mean()).isGreaterThan(bad.mean());
    assertThat(good.lowerBound()).isGreaterThan(bad.lowerBound());
    assertThat(good.history().good()).isCloseTo(8, within(1e-9));
    assertThat(good.history().bad()).isZero();
    assertThat(bad.history().good()).isCloseTo(2, within(1e-9));
    assertThat(bad.history().bad()).isCloseTo(6, within(1e-9));
    // Beta(2, 2) prior with scale 4: (2 + 8) / (4 + 8) and (2 + 2) / (4 + 8).
    assertThat(good.mean()).isCloseTo(10.0 / 12, within(1e-9));
    assertThat(bad.mean()).isCloseTo(4.0 / 12, within(1e-9));
  }

  @Test
  void anOutcomeOneHalfLifeOldCountsHalf() {
    Target target = target("old-news", Tier.LOW);
    outcome(target, AT.minus(Duration.ofDays(30)), "GOOD");

    engine(FIXED_PRIOR).scoreAndRecord(List.of(target), AT, TrustCause.planning("r1"));

    TrustSnapshotRow snapshot = latest("old-news");
    assertThat(snapshot.good()).isCloseTo(0.5, within(1e-6));
    assertThat(snapshot.bad()).isZero();
    // Only history: evidence is the decayed count, the posterior Beta(2 + 0.5, 2).
    assertThat(snapshot.evidence()).isCloseTo(0.5, within(1e-6));
    assertThat(snapshot.posteriorAlpha()).isCloseTo(2.5, within(1e-6));
    assertThat(snapshot.posteriorBeta()).isCloseTo(2.0, within(1e-6));
  }

  @Test
  void outcomesDecayGeometricallyWithAgeAndBadOnesToo() {
    Target target = target("aging", Tier.LOW);
    outcome(target, AT.minus(Duration.ofDays(60)), "BAD");
    outcome(target, AT.minus(Duration.ofDays(90)), "GOOD");

    engine(FIXED_PRIOR).scoreAndRecord(List.of(target), AT, TrustCause.planning("r1"));

    TrustSnapshotRow snapshot = latest("aging");
    assertThat(snapshot.bad()).isCloseTo(0.25, within(1e-6));
    assertThat(snapshot.good()).isCloseTo(0.125, within(1e-6));
  }

  @Test
  void outcomesAfterTheMomentOfScoringAndNoneVerdictsDoNotCount() {
    Target target = target("later", Tier.LOW);
    outcome(target, AT.plusSeconds(1), "BAD");
    outcome(target, AT.minusSeconds(60), "NONE");
    outcome(target, AT, "GOOD");

    TrustScore score = engine(FIXED_PRIOR).score(List.of(target), AT).scores().get("later");

    assertThat(score.history().good()).isCloseTo(1.0, within(1e-9));
    assertThat(score.history().bad()).isZero();
  }

  @Test
  void pushedTelemetryWithFiveTimesTheBaselineErrorsLowersTrust() {
    Target sick = target("sick", Tier.STANDARD);
    Target steady = target("steady", Tier.STANDARD);
    outcomes(sick, AT.minusSeconds(86_400), 3, 0);
    outcomes(steady, AT.minusSeconds(86_400), 3, 0);
    // Both ran at 0.2 % errors and 100 ms p99 for the baseline window; in the health window the
    // sick one errs five times as often.
    push(baselineWindow("sick", 2, 100.0));
    push(healthWindow("sick", 10, 100.0));
    push(baselineWindow("steady", 2, 100.0));
    push(healthWindow("steady", 2, 100.0));

    Map<String, TrustScore> scores = engine(FIXED_PRIOR).score(List.of(sick, steady), AT).scores();

    TrustScore down = scores.get("sick");
    TrustScore up = scores.get("steady");
    assertThat(up.health()).isCloseTo(1.0, within(1e-9));
    // Error ratio 5 is past the SLO's 3x, where error health reaches 0: the weakest link rules.
    assertThat(down.health()).isCloseTo(0.0, within(1e-9));
    assertThat(down.mean()).isLessThan(up.mean());
    assertThat(down.lowerBound()).isLessThan(up.lowerBound());
    assertThat(down.healthInputs().errorRate()).isCloseTo(0.010, within(1e-9));
    assertThat(down.healthInputs().baselineErrorRate()).isCloseTo(0.002, within(1e-9));
    assertThat(down.healthInputs().samples()).isEqualTo(15_000);
    assertThat(down.healthInputs().availability()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void aTargetIsJudgedAgainstItsOwnBaselineNotAgainstOtherTargets() {
    Target noisy = target("noisy", Tier.LOW);
    // 1 % errors is five times what the "sick" target above showed, but it always had them.
    push(baselineWindow("noisy", 10, 300.0));
    push(healthWindow("noisy", 10, 300.0));

    TrustScore score = engine(FIXED_PRIOR).score(List.of(noisy), AT).scores().get("noisy");

    assertThat(score.health()).isCloseTo(1.0, within(1e-9));
    assertThat(score.mean()).isGreaterThan(TrustParameters.defaults().priorMean());
  }

  @Test
  void slowerP99ThanItsBaselineLowersHealth() {
    Target slow = target("slow", Tier.LOW);
    push(baselineWindow("slow", 1, 100.0));
    push(healthWindow("slow", 1, 150.0));

    TrustScore score = engine(FIXED_PRIOR).score(List.of(slow), AT).scores().get("slow");

    // Latency ratio 1.5 with zero at 2.0 scores 0.5; the other three indicators are 1, so the
    // geometric mean of four equally weighted indicators is 0.5^(1/4).
    assertThat(score.health()).isCloseTo(Math.pow(0.5, 0.25), within(1e-9));
  }

  @Test
  void withoutTelemetryHealthIsUnknownNeverHealthy() {
    Target silent = target("silent", Tier.STANDARD);
    Target quiet = target("quiet", Tier.STANDARD);
    // A handful of requests is below the SLO's 100-sample minimum: no evidence either.
    push(List.of(sample("quiet", AT.minusSeconds(120), 20, 0, 100.0)));

    TrustEngine.Scoring scoring =
        engine(FIXED_PRIOR).scoreAndRecord(List.of(silent, quiet), AT, TrustCause.replan("r1", 2));

    for (String id : List.of("silent", "quiet")) {
      TrustScore score = scoring.scores().get(id);
      assertThat(score.health()).as(id).isNull();
      assertThat(score.evidence()).as(id).isZero();
      // Exactly the prior: missing telemetry neither raises nor lowers trust.
      assertThat(score.mean()).as(id).isCloseTo(scoring.prior().mean(), within(1e-12));
      assertThat(score.lowerBound()).as(id).isCloseTo(scoring.prior().lowerBound(), within(1e-12));
      assertThat(latest(id).health()).as(id).isNull();
    }
    assertThat(json(latest("silent").inputs()).get("indicators").isNull()).isTrue();
  }

  @Test
  void scoreAndRecordPersistsOneSnapshotPerTargetWithCauseAndInputs() {
    List<Target> targets =
        List.of(
            target("a", Tier.LOW),
            target("b", Tier.FINANCE_CRITICAL),
            target("c", Tier.SAFETY_CRITICAL));
    outcomes(targets.get(0), AT.minusSeconds(600), 2, 1);
    push(baselineWindow("b", 1, 120.0));
    push(healthWindow("b", 1, 120.0));

    TrustEngine.Scoring scoring =
        engine(FIXED_PRIOR).scoreAndRecord(targets, AT, TrustCause.replan("r7", 3));

    assertThat(snapshotCount()).isEqualTo(3);
    for (Target target : targets) {
      TrustSnapshotRow row = latest(target.id());
      TrustScore score = scoring.scores().get(target.id());
      assertThat(row.computedAt()).isEqualTo(AT);
      assertThat(row.cause()).isEqualTo("replan");
      assertThat(row.releaseId()).isEqualTo("r7");
      assertThat(row.wave()).isEqualTo(3);
      assertThat(row.mean()).isEqualTo(score.mean());
      assertThat(row.lowerBound()).isEqualTo(score.lowerBound());
      assertThat(row.impact()).isCloseTo(target.impact(), within(1e-9));
      assertThat(row.risk()).isCloseTo(target.impact() * (1 - score.lowerBound()), within(1e-9));
      JsonNode inputs = json(row.inputs());
      assertThat(inputs.has("indicators")).as("inputs of %s", target.id()).isTrue();
      assertThat(inputs.get("tier").asText()).isEqualTo(target.tier().wireName());
      assertThat(inputs.get("tierWeight").asDouble()).isEqualTo(target.tier().defaultWeight());
      assertThat(inputs.get("model").get("halfLifeDays").asDouble()).isEqualTo(30.0);
      assertThat(inputs.get("model").get("priorAlpha").asDouble()).isEqualTo(2.0);
    }
    JsonNode indicators = json(latest("b").inputs()).get("indicators");
    assertThat(indicators.get("errorRate").asDouble()).isCloseTo(0.001, within(1e-12));
    assertThat(indicators.get("baselineLatencyP99Ms").asDouble()).isEqualTo(120.0);
    assertThat(indicators.get("samples").asLong()).isEqualTo(15_000);
    // Ten minutes of a 30-day half-life: 0.5^(10 / 43,200) each.
    double decay = Math.pow(0.5, 10.0 / (30 * 24 * 60));
    assertThat(latest("a").good()).isCloseTo(2 * decay, within(1e-9));
    assertThat(latest("a").bad()).isCloseTo(decay, within(1e-9));
    // The model parameters are stored once for the computation, not once per target.
    long models =
        jdbi.withHandle(
            h -> h.createQuery("SELECT count(*) FROM trust_models").mapTo(Long.class).one());
    long copies =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT count(*) FROM trust_snapshots WHERE inputs -> 'model' IS NOT NULL")
                    .mapTo(Long.class)
                    .one());
    assertThat(models).isEqualTo(1);
    assertThat(copies).isZero();
  }

  @Test
  void snapshotsOfOutcomeFeedbackHaveNoWave() {
    Target target = target("fed-back", Tier.LOW);

    engine(FIXED_PRIOR).scoreAndRecord(List.of(target), AT, TrustCause.outcome("r9"));

    TrustSnapshotRow row = latest("fed-back");
    assertThat(row.cause()).isEqualTo("outcome");
    assertThat(row.releaseId()).isEqualTo("r9");
    assertThat(row.wave()).isNull();
  }

  @Test
  void scoringIsDeterministicForTheSameInputs() {
    List<Target> fleet = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      Target target = target("t" + i, Tier.values()[i % 4]);
      fleet.add(target);
      outcomes(target, AT.minus(Duration.ofDays(i)), 1 + i % 5, i % 3);
      push(baselineWindow(target.id(), 1 + i % 2, 100.0 + i));
      push(healthWindow(target.id(), 1 + i % 4, 100.0 + 2 * i));
    }

    TrustEngine.Scoring first = engine(TrustSettings.defaults()).score(fleet, AT);
    TrustEngine.Scoring again = engine(TrustSettings.defaults()).score(fleet, AT);

    assertThat(again.scores()).isEqualTo(first.scores());
    assertThat(again.model()).isEqualTo(first.model());
    assertThat(first.scores()).hasSize(14);
  }

  @Test
  void fleetPriorIsFittedToTheScoredTargetsRecordsWhenConfigured() {
    List<Target> fleet = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Target target = target("f" + i, Tier.LOW);
      fleet.add(target);
      // Mostly good fleet with some spread: 9 of 10, 8 of 10, 7 of 10 ...
      outcomes(target, AT.minusSeconds(3_600), 10 - i % 4, i % 4);
    }
    Target newcomer = target("newcomer", Tier.LOW);
    fleet.add(newcomer);

    TrustEngine.Scoring fitted = engine(TrustSettings.defaults()).score(fleet, AT);
    TrustEngine.Scoring fixed = engine(FIXED_PRIOR).score(fleet, AT);

    assertThat(fixed.model()).isEqualTo(TrustParameters.defaults());
    assertThat(fitted.model().priorMean()).isGreaterThan(0.75);
    assertThat(fitted.scores().get("newcomer").mean())
        .isCloseTo(fitted.model().priorMean(), within(1e-12));
    assertThat(fitted.scores().get("newcomer").mean())
        .isGreaterThan(fixed.scores().get("newcomer").mean());
  }

  // --- helpers -----------------------------------------------------------------------------

  private TrustEngine engine(TrustSettings settings) {
    return new TrustEngine(jdbi, new PushTelemetrySource(jdbi), settings);
  }

  private Target target(String id, Tier tier) {
    Target target = new Target(id, "pay", "eu", tier, 1.0, Map.of());
    jdbi.useExtension(TargetDao.class, dao -> dao.upsert(target));
    return target;
  }

  private void outcomes(Target target, Instant at, int good, int bad) {
    for (int i = 0; i < good; i++) {
      outcome(target, at, "GOOD");
    }
    for (int i = 0; i < bad; i++) {
      outcome(target, at, "BAD");
    }
  }

  /** One outcome of its own release: the table holds one per (release, target). */
  private void outcome(Target target, Instant at, String verdict) {
    OutcomeRow row = new OutcomeRow("rel-" + ++releases, target.id(), verdict, "by hand", at);
    jdbi.useExtension(TrustDao.class, dao -> dao.insertOutcomes(List.of(row)));
  }

  /** 45 one-minute windows of 1,000 requests just before the health window. */
  private static List<TelemetrySample> baselineWindow(String id, long errors, Double p99) {
    return minutes(id, AT.minus(HEALTH).minus(BASELINE), 45, 1_000, errors, p99);
  }

  /** 15 one-minute windows of 1,000 requests up to the moment of scoring. */
  private static List<TelemetrySample> healthWindow(String id, long errors, Double p99) {
    return minutes(id, AT.minus(HEALTH), 15, 1_000, errors, p99);
  }

  private static List<TelemetrySample> minutes(
      String id, Instant from, int count, long requests, long errors, Double p99) {
    List<TelemetrySample> samples = new ArrayList<>();
    for (int m = 0; m < count; m++) {
      samples.add(sample(id, from.plusSeconds(60L * m), requests, errors, p99));
    }
    return samples;
  }

  private static TelemetrySample sample(
      String id, Instant start, long requests, long errors, Double p99) {
    return new TelemetrySample(id, start, start.plusSeconds(60), requests, errors, p99, 0);
  }

  private void push(List<TelemetrySample> samples) {
    jdbi.useExtension(TelemetryDao.class, dao -> dao.upsert(samples));
  }

  private TrustSnapshotRow latest(String targetId) {
    List<TrustSnapshotRow> rows = jdbi.withExtension(TrustDao.class, d -> d.history(targetId, 1));
    assertThat(rows).as("snapshots of %s", targetId).hasSize(1);
    return rows.get(0);
  }

  private long snapshotCount() {
    return jdbi.withHandle(
        h -> h.createQuery("SELECT count(*) FROM trust_snapshots").mapTo(Long.class).one());
  }

  private static JsonNode json(String text) {
    try {
      return Database.JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }
}
