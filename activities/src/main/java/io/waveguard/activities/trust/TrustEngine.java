package io.waveguard.activities.trust;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.waveguard.activities.db.ConcurrentReads;
import io.waveguard.activities.db.Database;
import io.waveguard.activities.db.DecayedCounts;
import io.waveguard.activities.db.TrustDao;
import io.waveguard.activities.db.TrustSnapshotRow;
import io.waveguard.activities.observability.ReleaseMetrics;
import io.waveguard.activities.telemetry.TelemetrySource;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.TrustPolicy;
import io.waveguard.policy.plan.TrustWeightedPlanner;
import io.waveguard.policy.trust.HealthIndicators;
import io.waveguard.policy.trust.Risk;
import io.waveguard.policy.trust.TargetHistory;
import io.waveguard.policy.trust.TrustParameters;
import io.waveguard.policy.trust.TrustScore;
import io.waveguard.policy.trust.TrustScorer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;

/**
 * Computes targets' trust from PostgreSQL (decayed outcomes) and telemetry (live health against
 * baseline) with the policy core's {@link TrustScorer}, and persists each computation with its
 * inputs. The clock is the caller's: activities pass Temporal's time, so a replayed or time-skipped
 * release scores exactly the windows its gates saw.
 */
public final class TrustEngine {

  private final Jdbi jdbi;
  private final TelemetrySource telemetry;
  private final TrustSettings settings;
  private final HealthReader health;
  private final ReleaseMetrics metrics;

  public TrustEngine(Jdbi jdbi, TelemetrySource telemetry, TrustSettings settings) {
    this(jdbi, telemetry, settings, ReleaseMetrics.none());
  }

  /** As above; every recorded snapshot's trust also goes into the per-tier trust histogram. */
  public TrustEngine(
      Jdbi jdbi, TelemetrySource telemetry, TrustSettings settings, ReleaseMetrics metrics) {
    this.jdbi = jdbi;
    this.telemetry = telemetry;
    this.settings = settings;
    this.metrics = metrics;
    this.health = new HealthReader(telemetry, settings.healthWindow(), settings.baselineWindow());
  }

  /**
   * This engine as a release that carries its own trust model and planning sees it; the server's
   * settings for a release started before they were carried in its policy.
   */
  public TrustEngine forRelease(ReleasePolicy policy) {
    TrustPolicy resolved = policy == null ? null : policy.trust();
    if (resolved == null) {
      return this;
    }
    return new TrustEngine(
        jdbi, telemetry, settings.with(resolved.model(), resolved.planning()), metrics);
  }

  public TrustSettings settings() {
    return settings;
  }

  /** A scoring of a set of targets: each one's trust, and the model (with its fitted prior). */
  public record Scoring(Map<String, TrustScore> scores, TrustParameters model) {

    /** The score a target without evidence gets under this model. */
    public TrustScore prior() {
      return TrustWeightedPlanner.noEvidence(model);
    }
  }

  /** Scores the targets as of {@code at}; persists nothing. */
  public Scoring score(List<Target> targets, Instant at) {
    List<String> ids = targets.stream().map(Target::id).toList();
    // The two reads are independent: on a large fleet the outcomes are read on a second connection
    // while this thread reads telemetry, so PostgreSQL scans both at once.
    CompletableFuture<Map<String, TargetHistory>> outcomes =
        ConcurrentReads.alongside(ids.size(), () -> histories(ids, at));
    Map<String, HealthIndicators> indicators = health.read(ids, at);
    Map<String, TargetHistory> histories = ConcurrentReads.joined(outcomes);
    TrustParameters model = model(histories);
    TrustScorer scorer = new TrustScorer(model);
    double day = TargetHistory.epochDay(at);
    Map<String, TrustScore> scores = new LinkedHashMap<>(ids.size() * 2);
    for (String id : ids) {
      TargetHistory history = histories.getOrDefault(id, TargetHistory.empty(day));
      scores.put(id, scorer.score(history, indicators.get(id)));
    }
    return new Scoring(scores, model);
  }

  /** Scores the targets and stores one snapshot per target with its inputs and cause. */
  public Scoring scoreAndRecord(List<Target> targets, Instant at, TrustCause cause) {
    Scoring scoring = score(targets, at);
    record(targets, scoring, at, cause);
    return scoring;
  }

  /**
   * Stores one snapshot per target, in one COPY; the model parameters once for the computation when
   * every target was scored with the same (they are, unless a caller mixes scorings).
   */
  public void record(List<Target> targets, Scoring scoring, Instant at, TrustCause cause) {
    TrustParameters shared = sharedParameters(targets, scoring);
    List<Target> scored =
        targets.stream().filter(t -> scoring.scores().containsKey(t.id())).toList();
    // Built as the COPY sends them (each with its inputs' JSON), while the server stores the rows
    // before: a 100,000-target computation's rows are never all in memory at once.
    Iterable<TrustSnapshotRow> rows =
        () ->
            scored.stream()
                .map(t -> row(t, scoring.scores().get(t.id()), at, cause, shared == null))
                .iterator();
    String model =
        shared == null ? null : json(Database.JSON.writer(), shared, "trust model parameters");
    // One transaction: a reader (or a retry checking for them) sees all snapshots or none.
    jdbi.useTransaction(
        handle -> handle.attach(TrustDao.class).insertSnapshots(rows, scored.size(), model));
    for (Target target : scored) {
      metrics.trust(target.tier(), scoring.scores().get(target.id()).lowerBound());
    }
  }

  /** The parameters every scored target shares; null when they differ. */
  private static TrustParameters sharedParameters(List<Target> targets, Scoring scoring) {
    TrustParameters shared = null;
    for (Target target : targets) {
      TrustScore score = scoring.scores().get(target.id());
      if (score == null) {
        continue;
      }
      if (shared == null) {
        shared = score.parameters();
      } else if (!shared.equals(score.parameters())) {
        return null;
      }
    }
    return shared;
  }

  private Map<String, TargetHistory> histories(List<String> ids, Instant at) {
    double halfLife = settings.model().halfLifeDays();
    List<DecayedCounts> counts =
        jdbi.withExtension(
            TrustDao.class,
            dao -> dao.decayedCounts(ids.toArray(String[]::new), Timestamp.from(at), halfLife));
    double day = TargetHistory.epochDay(at);
    Map<String, TargetHistory> histories = new HashMap<>(counts.size() * 2);
    for (DecayedCounts c : counts) {
      histories.put(c.targetId(), new TargetHistory(c.good(), c.bad(), day));
    }
    return histories;
  }

  /** The configured model, with its prior fitted to these targets' records when so configured. */
  private TrustParameters model(Map<String, TargetHistory> histories) {
    if (!settings.fitPriorToFleet()) {
      return settings.model();
    }
    List<double[]> goodBad = new ArrayList<>(histories.size());
    histories.values().forEach(h -> goodBad.add(new double[] {h.good(), h.bad()}));
    return settings.model().withPriorFittedTo(goodBad);
  }

  private TrustSnapshotRow row(
      Target target, TrustScore score, Instant at, TrustCause cause, boolean withModel) {
    Risk risk = Risk.of(target, score, settings.planning().tierWeights());
    return new TrustSnapshotRow(
        0,
        target.id(),
        at,
        cause.kind(),
        cause.releaseId(),
        cause.wave(),
        score.mean(),
        score.lowerBound(),
        score.historyMean(),
        score.health(),
        score.evidence(),
        score.history().good(),
        score.history().bad(),
        score.posteriorAlpha(),
        score.posteriorBeta(),
        risk.impact(),
        risk.value(),
        inputs(target, score, withModel));
  }

  private String inputs(Target target, TrustScore score, boolean withModel) {
    SnapshotInputs inputs =
        new SnapshotInputs(
            target.tier().wireName(),
            target.size(),
            settings.planning().tierWeights().weight(target.tier()),
            score.healthInputs(),
            withModel ? score.parameters() : null);
    return json(INPUTS, inputs, "trust inputs of " + target.id());
  }

  /**
   * What a snapshot's inputs say, in this order: the target's tier, size and tier weight, the
   * health indicators scored (null without telemetry), and the model when the computation's targets
   * were not all scored with the same one (else it is stored once, in {@code trust_models}).
   */
  @JsonPropertyOrder({"tier", "size", "tierWeight", "indicators", "model"})
  private record SnapshotInputs(
      String tier,
      double size,
      double tierWeight,
      HealthIndicators indicators,
      @JsonInclude(JsonInclude.Include.NON_NULL) TrustParameters model) {}

  /** Resolved once: a computation writes one inputs document per target. */
  private static final ObjectWriter INPUTS = Database.JSON.writerFor(SnapshotInputs.class);

  private static String json(ObjectWriter writer, Object value, String what) {
    try {
      return writer.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(what + " not serializable", e);
    }
  }
}
