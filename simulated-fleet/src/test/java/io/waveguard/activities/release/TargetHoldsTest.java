package io.waveguard.activities.release;

import static io.waveguard.activities.release.Releases.applicationFailure;
import static io.waveguard.activities.release.Releases.spec;
import static io.waveguard.activities.release.Releases.storeFleet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.waveguard.activities.TestDatabase;
import io.waveguard.activities.db.AuditDao;
import io.waveguard.activities.db.AuditEntry;
import io.waveguard.activities.db.DeploymentDao;
import io.waveguard.activities.db.PlanDao;
import io.waveguard.activities.db.TargetDeployment;
import io.waveguard.activities.db.TargetHoldDao;
import io.waveguard.activities.trust.TrustEngine;
import io.waveguard.policy.model.Strategy;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.TargetSelector;
import io.waveguard.policy.model.Tier;
import io.waveguard.workflows.activities.ActivityErrors;
import io.waveguard.workflows.activities.PlanSummary;
import io.waveguard.workflows.activities.PlanningActivities;
import io.waveguard.workflows.activities.TargetsHeld;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Planning claims a release's targets in PostgreSQL, all or nothing, one running release each. */
class TargetHoldsTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private final Set<String> closed = ConcurrentHashMap.newKeySet();
  private Jdbi jdbi;
  private List<Target> fleet;
  private PlanningActivitiesImpl impl;
  private TestActivityEnvironment env;
  private PlanningActivities planning;

  @BeforeEach
  void setUp() {
    jdbi = TestDatabase.migrated();
    fleet = storeFleet(jdbi, 40);
    TrustEngine trust = Releases.trust(jdbi);
    impl =
        new PlanningActivitiesImpl(
            jdbi,
            new ReleasePlanner(trust),
            new ReplanStep(jdbi, trust, Releases.simulatedTelemetry(jdbi)),
            releaseId -> !closed.contains(releaseId));
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(impl);
    planning = env.newActivityStub(PlanningActivities.class);
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void aReleaseOverTargetsARunningReleaseHoldsIsRefusedAndStoresNothing() {
    planning.planRelease(spec("first", "2.0", Strategy.TRUST_WEIGHTED));

    ApplicationFailure failure =
        applicationFailure(() -> planning.planRelease(spec("second", "2.1", Strategy.CANARY)));

    assertThat(failure.getType()).isEqualTo(ActivityErrors.TARGETS_HELD);
    assertThat(failure.isNonRetryable()).isTrue();
    TargetsHeld held = failure.getDetails().get(TargetsHeld.class);
    assertThat(held.holderReleaseId()).isEqualTo("first");
    assertThat(held.heldCount()).isEqualTo(40);
    assertThat(held.sampleTargetIds()).hasSize(TargetsHeld.SAMPLE_SIZE).isSorted();
    assertThat(failure.getOriginalMessage()).contains("running release first holds 40");
    Optional<String> plan =
        jdbi.withExtension(PlanDao.class, dao -> dao.planIdForRelease("second"));
    assertThat(plan).isEmpty();
    List<TargetDeployment> rows =
        jdbi.withExtension(DeploymentDao.class, dao -> dao.release("second"));
    assertThat(rows).isEmpty();
    assertThat(heldBy("first")).hasSize(40);
  }

  @Test
  void releasesOverDisjointTargetsOfOneServicePlanSideBySide() {
    PlanSummary low = planning.planRelease(spec("low", "2.0", Strategy.CANARY, tiers(Tier.LOW)));
    PlanSummary rest =
        planning.planRelease(
            spec(
                "rest",
                "2.0",
                Strategy.CANARY,
                tiers(Tier.STANDARD, Tier.FINANCE_CRITICAL, Tier.SAFETY_CRITICAL)));

    assertThat(low.targetCount() + rest.targetCount()).isEqualTo(40);
    assertThat(heldBy("low")).hasSize(low.targetCount());
    assertThat(heldBy("rest")).hasSize(rest.targetCount());
  }

  @Test
  void aRetriedPlanOfTheSameReleaseKeepsItsHolds() {
    PlanSummary first = planning.planRelease(spec("r1", "2.0", Strategy.TRUST_WEIGHTED));

    PlanSummary again = planning.planRelease(spec("r1", "2.0", Strategy.TRUST_WEIGHTED));

    assertThat(again).isEqualTo(first);
    assertThat(heldBy("r1")).hasSize(40);
  }

  @Test
  void ofConcurrentStartsOverTheSameTargetsExactlyOneHoldsThem() throws Exception {
    int releases = 6;
    ExecutorService pool = Executors.newFixedThreadPool(releases);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> outcomes = new ArrayList<>();
    for (int i = 0; i < releases; i++) {
      String id = "race-" + i;
      outcomes.add(
          pool.submit(
              () -> {
                go.await();
                try {
                  impl.planAt(spec(id, "2.0", Strategy.CANARY), NOW);
                  return id;
                } catch (ApplicationFailure refused) {
                  return refused.getType();
                }
              }));
    }
    go.countDown();
    List<String> answers = new ArrayList<>();
    for (Future<String> outcome : outcomes) {
      answers.add(outcome.get());
    }
    pool.shutdown();

    List<String> winners = answers.stream().filter(a -> a.startsWith("race-")).toList();
    assertThat(winners).hasSize(1);
    assertThat(answers).filteredOn(ActivityErrors.TARGETS_HELD::equals).hasSize(releases - 1);
    assertThat(heldBy(winners.get(0))).hasSize(40);
    int plans =
        jdbi.withHandle(h -> h.select("SELECT count(*) FROM plans").mapTo(Integer.class).one());
    assertThat(plans).isEqualTo(1);
  }

  @Test
  void theHoldsOfAReleaseWhoseWorkflowClosedWithoutLettingGoAreTakenOverAndAudited() {
    planning.planRelease(spec("terminated", "2.0", Strategy.CANARY));
    closed.add("terminated");

    PlanSummary plan = planning.planRelease(spec("next", "2.1", Strategy.CANARY));

    assertThat(plan.targetCount()).isEqualTo(40);
    assertThat(heldBy("next")).hasSize(40);
    assertThat(heldBy("terminated")).isEmpty();
    List<AuditEntry> audit = jdbi.withExtension(AuditDao.class, dao -> dao.forRelease("next"));
    assertThat(audit)
        .anySatisfy(
            entry ->
                assertThat(entry.reason())
                    .contains("took over 40 targets held by release terminated"));
  }

  @Test
  void lettingGoIsIdempotentAndFreesTheTargetsForTheNextRelease() {
    planning.planRelease(spec("done", "2.0", Strategy.CANARY));

    assertThat(planning.releaseTargets("done")).isEqualTo(40);
    assertThat(planning.releaseTargets("done")).isZero();

    PlanSummary next = planning.planRelease(spec("after", "2.1", Strategy.CANARY));
    assertThat(next.targetCount()).isEqualTo(40);
    assertThat(heldBy("after")).hasSize(40);
  }

  @Test
  void aClaimThatMeetsAHeldTargetHoldsNoneOfTheFreeOnes() {
    planning.planRelease(spec("low", "2.0", Strategy.CANARY, tiers(Tier.LOW)));

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class, () -> impl.planAt(spec("all", "2.1", Strategy.CANARY), NOW));

    assertThat(failure.getType()).isEqualTo(ActivityErrors.TARGETS_HELD);
    assertThat(heldBy("all")).isEmpty();
    Map<String, Object> counts =
        jdbi.withHandle(
            h -> h.createQuery("SELECT count(*) AS n FROM target_holds").mapToMap().one());
    assertThat(((Number) counts.get("n")).intValue()).isEqualTo(heldBy("low").size());
  }

  private List<String> heldBy(String releaseId) {
    return jdbi.withExtension(TargetHoldDao.class, dao -> dao.heldBy(releaseId));
  }

  private static TargetSelector tiers(Tier... tiers) {
    return new TargetSelector(List.of(), List.of(tiers), Map.of());
  }
}
