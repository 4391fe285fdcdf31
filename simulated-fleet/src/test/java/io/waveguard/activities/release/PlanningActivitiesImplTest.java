package io.waveguard.activities.release;

import static io.waveguard.activities.release.Releases.applicationFailure;
import static io.waveguard.activities.release.Releases.spec;
import static io.waveguard.activities.release.Releases.storeFleet;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.waveguard.activities.TestDatabase;
import io.waveguard.activities.db.DeploymentDao;
import io.waveguard.activities.db.PlanDao;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.activities.db.TargetDeployment;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.policy.model.Strategy;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.TargetSelector;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.TrustPolicy;
import io.waveguard.policy.model.WaveSummary;
import io.waveguard.policy.plan.TrustPlanParameters;
import io.waveguard.policy.trust.TrustParameters;
import io.waveguard.workflows.activities.ActivityErrors;
import io.waveguard.workflows.activities.PlanSummary;
import io.waveguard.workflows.activities.PlanningActivities;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlanningActivitiesImplTest {

  private Jdbi jdbi;
  private List<Target> fleet;
  private TestActivityEnvironment env;
  private PlanningActivities planning;

  @BeforeEach
  void setUp() {
    jdbi = TestDatabase.migrated();
    fleet = storeFleet(jdbi, 40);
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(Releases.planning(jdbi));
    planning = env.newActivityStub(PlanningActivities.class);
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void storesThePlanWithEveryTargetInExactlyOneWave() {
    PlanSummary plan = planning.planRelease(spec("r1", "2.0", Strategy.TRUST_WEIGHTED));

    List<TargetDeployment> rows = rows();
    assertThat(plan.planId()).isEqualTo("plan-r1");
    assertThat(plan.targetCount()).isEqualTo(40);
    assertThat(rows)
        .extracting(TargetDeployment::targetId)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(fleet.stream().map(Target::id).toList());
    assertThat(rows).allSatisfy(row -> assertThat(row.state()).isEqualTo("PENDING"));
    assertThat(rows).allSatisfy(row -> assertThat(row.version()).isEqualTo("2.0"));
    for (WaveSummary wave : plan.waves()) {
      assertThat(rows.stream().filter(r -> r.wave() == wave.index()).count())
          .as("targets of wave %d", wave.index())
          .isEqualTo(wave.targetCount());
    }
    List<WaveSummary> stored = jdbi.withExtension(PlanDao.class, d -> d.waves("plan-r1"));
    assertThat(stored).isEqualTo(plan.waves());
  }

  @Test
  void aReleasePlansWithTheTrustPlanningItWasStartedWithNotTheServersNow() {
    // The server plans with five impact steps; this release was started when there was one.
    TrustPlanParameters oneStep =
        new TrustPlanParameters(
            TrustPlanParameters.defaults().tierWeights(),
            TrustPlanParameters.defaults().tierThresholds(),
            List.of(1.0),
            1);
    ReleaseSpec started = spec("r-own", "2.0", Strategy.TRUST_WEIGHTED);
    ReleaseSpec own =
        new ReleaseSpec(
            started.releaseId(),
            started.service(),
            started.version(),
            started.strategy(),
            started.selector(),
            started.policy().withTrust(new TrustPolicy(TrustParameters.defaults(), oneStep)),
            started.requestedBy());

    PlanSummary plan = planning.planRelease(own);
    PlanSummary server = planning.planRelease(spec("r-server", "2.0", Strategy.TRUST_WEIGHTED));

    // One wave per tier with a single step; the server's steps cut more.
    long tiers = fleet.stream().map(Target::tier).distinct().count();
    assertThat(plan.waves()).hasSize((int) tiers);
    assertThat(server.waves().size()).isGreaterThan(plan.waves().size());
  }

  @Test
  void secondCallReturnsTheStoredPlanEvenAfterTheFleetChanged() {
    PlanSummary first = planning.planRelease(spec("r1", "2.0", Strategy.CANARY));
    jdbi.useExtension(
        TargetDao.class,
        dao -> dao.upsert(new Target("pay-new", "pay", "eu", Tier.LOW, 1, Map.of())));

    PlanSummary second = planning.planRelease(spec("r1", "2.0", Strategy.CANARY));

    assertThat(second).isEqualTo(first);
    assertThat(rows()).hasSize(40);
  }

  @Test
  void selectorLimitsTheReleaseToMatchingTargets() {
    TargetSelector lowOnly = new TargetSelector(List.of(), List.of(Tier.LOW), Map.of());

    PlanSummary plan = planning.planRelease(spec("r1", "2.0", Strategy.WAVES, lowOnly));

    long lowTargets = fleet.stream().filter(t -> t.tier() == Tier.LOW).count();
    assertThat(plan.targetCount()).isEqualTo(lowTargets);
    assertThat(plan.waves()).allSatisfy(w -> assertThat(w.highestTier()).isEqualTo(Tier.LOW));
  }

  @Test
  void selectorMatchingNothingFailsWithoutRetryAndStoresNothing() {
    TargetSelector nowhere = new TargetSelector(List.of("mars"), List.of(), Map.of());

    ApplicationFailure failure =
        applicationFailure(() -> planning.planRelease(spec("r1", "2.0", Strategy.WAVES, nowhere)));

    assertThat(failure.getType()).isEqualTo(ActivityErrors.NO_TARGETS);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("matched no targets");
    Optional<String> planId = jdbi.withExtension(PlanDao.class, d -> d.planIdForRelease("r1"));
    assertThat(planId).isEmpty();
  }

  @Test
  void concurrentPlannersAgreeOnOnePlan() throws Exception {
    PlanningActivitiesImpl impl = Releases.planning(jdbi);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<PlanSummary>> plans =
          IntStream.range(0, 8)
              .mapToObj(
                  i ->
                      pool.submit(
                          () -> impl.planAt(spec("r1", "2", Strategy.CANARY), Instant.now())))
              .toList();

      PlanSummary first = plans.get(0).get();
      for (Future<PlanSummary> plan : plans) {
        assertThat(plan.get()).isEqualTo(first);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(rows()).hasSize(40);
  }

  private List<TargetDeployment> rows() {
    return jdbi.withExtension(DeploymentDao.class, d -> d.release("r1"));
  }

  @Test
  void seedDependsOnlyOnTheReleaseId() {
    assertThat(ReleasePlanner.seedFor("r1"))
        .isEqualTo(ReleasePlanner.seedFor("r1"))
        .isNotEqualTo(ReleasePlanner.seedFor("r2"));
  }
}
