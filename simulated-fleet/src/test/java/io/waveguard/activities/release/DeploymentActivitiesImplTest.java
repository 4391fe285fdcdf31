package io.waveguard.activities.release;

import static io.waveguard.activities.release.Releases.applicationFailure;
import static io.waveguard.activities.release.Releases.spec;
import static io.waveguard.activities.release.Releases.storeFleet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.waveguard.activities.db.AuditDao;
import io.waveguard.activities.db.AuditEntry;
import io.waveguard.activities.db.DeploymentDao;
import io.waveguard.activities.db.TargetDeployment;
import io.waveguard.activities.deploy.DeployBatch;
import io.waveguard.activities.deploy.Deployer;
import io.waveguard.activities.deploy.DeployerUnavailableException;
import io.waveguard.policy.model.StrandedTargets;
import io.waveguard.policy.model.Strategy;
import io.waveguard.simulatedfleet.FleetDatabase;
import io.waveguard.simulatedfleet.deploy.FleetLogEntry;
import io.waveguard.simulatedfleet.deploy.SimulatedDeployer;
import io.waveguard.workflows.activities.ActivityErrors;
import io.waveguard.workflows.activities.DeploymentActivities;
import io.waveguard.workflows.activities.PlanSummary;
import io.waveguard.workflows.activities.WaveDeployment;
import io.waveguard.workflows.activities.WaveRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeploymentActivitiesImplTest {

  /** 120 targets in one wave: three batches of 50, 50 and 20. */
  private static final int FLEET = 120;

  private static final WaveRequest WAVE_1 = new WaveRequest("r1", "plan-r1", "2.0", 1);

  private final List<TestActivityEnvironment> environments = new ArrayList<>();
  private Jdbi jdbi;
  private SimulatedDeployer fleet;

  @BeforeEach
  void setUp() {
    jdbi = FleetDatabase.migrated();
    storeFleet(jdbi, FLEET);
    fleet = new SimulatedDeployer(jdbi);
  }

  @AfterEach
  void tearDown() {
    environments.forEach(TestActivityEnvironment::close);
  }

  @Test
  void deployingAWaveTwiceDeploysEachTargetOnce() {
    plan(Strategy.ALL_AT_ONCE);
    List<Integer> heartbeats = new ArrayList<>();
    DeploymentActivities activities = worker(fleet, heartbeats);

    WaveDeployment first = activities.deployWave(WAVE_1);
    WaveDeployment second = activities.deployWave(WAVE_1);

    assertThat(first).isEqualTo(new WaveDeployment(1, FLEET, FLEET, 0));
    assertThat(second).isEqualTo(new WaveDeployment(1, FLEET, 0, FLEET));
    // Heartbeats are throttled, so only the first is sure to have arrived by now.
    assertThat(heartbeats).startsWith(50);
    assertThat(rows()).allSatisfy(row -> assertDeployedOnce(row));
    assertThat(fleet.log("r1")).hasSize(FLEET).allSatisfy(entry -> assertAppliedOnce(entry));
  }

  @Test
  void deployerFailingMidWaveThenSucceedingLeavesEveryTargetDeployedOnce() {
    plan(Strategy.ALL_AT_ONCE);
    Deployer failsOnSecondBatch = new FailingDeployer(fleet, 2, false);

    ApplicationFailure failure =
        applicationFailure(() -> worker(failsOnSecondBatch).deployWave(WAVE_1));
    assertThat(failure.getType()).isEqualTo(DeployerUnavailableException.class.getName());
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(rows()).filteredOn(TargetDeployment::isDeployed).hasSize(50);

    // A new worker process: nothing but the database carries over.
    WaveDeployment retry = worker(new SimulatedDeployer(jdbi)).deployWave(WAVE_1);

    assertThat(retry).isEqualTo(new WaveDeployment(1, FLEET, 70, 50));
    assertThat(rows()).allSatisfy(row -> assertDeployedOnce(row));
    assertThat(fleet.log("r1")).hasSize(FLEET).allSatisfy(entry -> assertAppliedOnce(entry));
  }

  @Test
  void crashBetweenDeployerAndMarkResendsTheSameBatchUnderTheSameKey() {
    plan(Strategy.ALL_AT_ONCE);
    // The deployer applies the second batch, then the worker "dies" before recording it.
    Deployer appliesThenCrashes = new FailingDeployer(fleet, 2, true);
    assertThatThrownBy(() -> worker(appliesThenCrashes).deployWave(WAVE_1))
        .isInstanceOf(ActivityFailure.class);

    WaveDeployment retry = worker(new SimulatedDeployer(jdbi)).deployWave(WAVE_1);

    assertThat(retry).isEqualTo(new WaveDeployment(1, FLEET, 70, 50));
    assertThat(rows()).allSatisfy(row -> assertDeployedOnce(row));
    List<FleetLogEntry> log = fleet.log("r1");
    assertThat(log).hasSize(FLEET).allSatisfy(entry -> assertThat(entry.appliedCount()).isOne());
    Map<Integer, Long> byDeliveries =
        log.stream()
            .collect(Collectors.groupingBy(FleetLogEntry::deliveryCount, Collectors.counting()));
    assertThat(byDeliveries).isEqualTo(Map.of(1, 70L, 2, 50L));
  }

  @Test
  void rollBackReversesOnlyDeployedTargets() {
    PlanSummary plan = plan(Strategy.WAVES);
    assertThat(plan.waves()).hasSizeGreaterThanOrEqualTo(3);
    DeploymentActivities activities = worker(fleet);
    activities.deployWave(wave(1));
    activities.deployWave(wave(2));

    WaveDeployment notDeployed = activities.rollBackWave(wave(3));
    WaveDeployment second = activities.rollBackWave(wave(2));
    WaveDeployment again = activities.rollBackWave(wave(2));

    int waveTwo = plan.waves().get(1).targetCount();
    int waveThree = plan.waves().get(2).targetCount();
    assertThat(notDeployed).isEqualTo(new WaveDeployment(3, waveThree, 0, 0));
    assertThat(second).isEqualTo(new WaveDeployment(2, waveTwo, waveTwo, 0));
    assertThat(again).isEqualTo(new WaveDeployment(2, waveTwo, 0, waveTwo));
    assertThat(rows(row -> row.wave() == 2))
        .allSatisfy(row -> assertThat(row.state()).isEqualTo("ROLLED_BACK"))
        .allSatisfy(row -> assertThat(row.rollbackCount()).isOne());
    assertThat(rows(row -> row.wave() == 1)).allSatisfy(row -> assertDeployedOnce(row));
    assertThat(rows(row -> row.wave() == 3))
        .allSatisfy(row -> assertThat(row.isPending()).isTrue());
    assertThat(fleet.log("r1").stream().filter(e -> e.action().equals("rollback")))
        .hasSize(waveTwo)
        .allSatisfy(entry -> assertThat(entry.wave()).isEqualTo(2));
  }

  @Test
  void rollBackAlsoUndoesABatchWhoseDeployWasNeverConfirmed() {
    plan(Strategy.ALL_AT_ONCE);
    assertThatThrownBy(() -> worker(new FailingDeployer(fleet, 2, true)).deployWave(WAVE_1))
        .isInstanceOf(ActivityFailure.class);

    WaveDeployment rollback = worker(fleet).rollBackWave(WAVE_1);

    // 50 confirmed and 50 sent but unconfirmed are undone; the last 20 were never sent.
    assertThat(rollback).isEqualTo(new WaveDeployment(1, FLEET, 100, 0));
    assertThat(rows(TargetDeployment::isRolledBack)).hasSize(100);
    assertThat(rows(TargetDeployment::isPending))
        .hasSize(20)
        .allSatisfy(row -> assertThat(row.inFlightKey()).isNull());
  }

  @Test
  void rejectedDeployFailsWithoutRetry() {
    plan(Strategy.ALL_AT_ONCE);
    Deployer rejecting =
        new Deployer() {
          @Override
          public void deploy(DeployBatch batch) {
            throw ApplicationFailure.newNonRetryableFailure(
                "no such service", ActivityErrors.DEPLOY_REJECTED);
          }

          @Override
          public void rollBack(DeployBatch batch) {}
        };

    ApplicationFailure failure = applicationFailure(() -> worker(rejecting).deployWave(WAVE_1));

    assertThat(failure.getType()).isEqualTo(ActivityErrors.DEPLOY_REJECTED);
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void waveMissingFromThePlanFailsWithoutRetry() {
    plan(Strategy.ALL_AT_ONCE);

    ApplicationFailure failure = applicationFailure(() -> worker(fleet).deployWave(wave(9)));

    assertThat(failure.getType()).isEqualTo(ActivityErrors.PLAN_NOT_FOUND);
    assertThat(failure.isNonRetryable()).isTrue();
  }

  private PlanSummary plan(Strategy strategy) {
    return Releases.planning(jdbi).planAt(spec("r1", "2.0", strategy), Instant.now());
  }

  private DeploymentActivities worker(Deployer deployer) {
    return worker(deployer, new ArrayList<>());
  }

  private DeploymentActivities worker(Deployer deployer, List<Integer> heartbeats) {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    environments.add(env);
    env.registerActivitiesImplementations(new DeploymentActivitiesImpl(jdbi, deployer));
    env.setActivityHeartbeatListener(Integer.class, heartbeats::add);
    return env.newActivityStub(DeploymentActivities.class);
  }

  private static WaveRequest wave(int wave) {
    return new WaveRequest("r1", "plan-r1", "2.0", wave);
  }

  private List<TargetDeployment> rows() {
    return jdbi.withExtension(DeploymentDao.class, dao -> dao.release("r1"));
  }

  private List<TargetDeployment> rows(Predicate<TargetDeployment> filter) {
    return rows().stream().filter(filter).toList();
  }

  private static void assertDeployedOnce(TargetDeployment row) {
    assertThat(row.state()).as(row.targetId()).isEqualTo("DEPLOYED");
    assertThat(row.deployCount()).as(row.targetId()).isOne();
    assertThat(row.inFlightKey()).as(row.targetId()).isNull();
  }

  private static void assertAppliedOnce(FleetLogEntry entry) {
    assertThat(entry.action()).isEqualTo("deploy");
    assertThat(entry.appliedCount()).as(entry.targetId()).isOne();
    assertThat(entry.deliveryCount()).as(entry.targetId()).isOne();
  }

  @Test
  void noDeployAttemptClaimsATargetOnceTheRollbackBegan() {
    plan(Strategy.ALL_AT_ONCE);
    // The first attempt got one batch out, then the deployer went away.
    assertThatThrownBy(() -> worker(new FailingDeployer(fleet, 2, false)).deployWave(WAVE_1))
        .isInstanceOf(ActivityFailure.class);
    WaveDeployment rolledBack = worker(fleet).rollBackWave(WAVE_1);

    // A retried (or zombie) deploy attempt arriving after the rollback began.
    ApplicationFailure fenced = applicationFailure(() -> worker(fleet).deployWave(WAVE_1));

    assertThat(fenced.getType()).isEqualTo(ActivityErrors.ROLLBACK_FENCED);
    assertThat(fenced.isNonRetryable()).isTrue();
    // The second batch was claimed and never confirmed: it may have landed, so it is undone too.
    assertThat(rolledBack).isEqualTo(new WaveDeployment(1, FLEET, 100, 0));
    assertThat(rows(TargetDeployment::isDeployed)).isEmpty();
    assertThat(rows(row -> row.isPending() && row.inFlightKey() == null)).hasSize(20);
    assertThat(rows(TargetDeployment::isRolledBack))
        .hasSize(100)
        .allSatisfy(row -> assertThat(row.rollbackCount()).isOne());
    assertThat(fleet.log("r1").stream().filter(e -> e.action().equals("deploy"))).hasSize(50);
  }

  @Test
  void aFenceBetweenTwoBatchesStopsTheDeployBeforeItsNextClaim() {
    plan(Strategy.ALL_AT_ONCE);
    // The rollback fences the release while the deploy is between its first and second batch.
    Deployer fencedAfterFirstBatch =
        new Deployer() {
          @Override
          public void deploy(DeployBatch batch) {
            fleet.deploy(batch);
            jdbi.useTransaction(
                handle -> {
                  handle.attach(DeploymentDao.class).lockForFence("r1");
                  handle.attach(DeploymentDao.class).fence("r1");
                });
          }

          @Override
          public void rollBack(DeployBatch batch) {
            fleet.rollBack(batch);
          }
        };

    ApplicationFailure fenced =
        applicationFailure(() -> worker(fencedAfterFirstBatch).deployWave(WAVE_1));

    assertThat(fenced.getType()).isEqualTo(ActivityErrors.ROLLBACK_FENCED);
    assertThat(rows(TargetDeployment::isDeployed)).hasSize(50);
    assertThat(rows(row -> row.inFlightKey() != null)).isEmpty();
  }

  @Test
  void strandedTargetsAreTheOnesStillOnTheBuildAndEachListingIsAudited() {
    plan(Strategy.ALL_AT_ONCE);
    DeploymentActivities activities = worker(fleet);
    activities.deployWave(WAVE_1);
    // Batches of 50 in id order: the deployer refuses the third (the last 20 targets).
    String firstOfLastBatch = rows().get(100).targetId();
    Deployer rejectsRollbacks =
        new Deployer() {
          @Override
          public void deploy(DeployBatch batch) {
            fleet.deploy(batch);
          }

          @Override
          public void rollBack(DeployBatch batch) {
            if (batch.targetIds().contains(firstOfLastBatch)) {
              throw ApplicationFailure.newNonRetryableFailure(
                  "403 forbidden", ActivityErrors.DEPLOY_REJECTED);
            }
            fleet.rollBack(batch);
          }
        };
    assertThatThrownBy(() -> worker(rejectsRollbacks).rollBackWave(WAVE_1))
        .isInstanceOf(ActivityFailure.class);

    StrandedTargets stranded = activities.listStrandedTargets("r1");

    assertThat(stranded.count()).isEqualTo(20);
    assertThat(stranded.targetIds())
        .isEqualTo(rows(row -> row.isDeployed()).stream().map(TargetDeployment::targetId).toList());
    List<AuditEntry> audit = jdbi.withExtension(AuditDao.class, dao -> dao.forRelease("r1"));
    assertThat(audit)
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.action()).isEqualTo("rollback-incomplete");
              assertThat(entry.reason()).startsWith("20 targets: " + firstOfLastBatch + ", ");
            });
  }

  /** Fails the n-th call, either before passing it on or after (a crash after the deploy). */
  private static final class FailingDeployer implements Deployer {
    private final Deployer delegate;
    private final int failingCall;
    private final boolean applyFirst;
    private final AtomicInteger calls = new AtomicInteger();

    FailingDeployer(Deployer delegate, int failingCall, boolean applyFirst) {
      this.delegate = delegate;
      this.failingCall = failingCall;
      this.applyFirst = applyFirst;
    }

    @Override
    public void deploy(DeployBatch batch) {
      boolean fail = calls.incrementAndGet() == failingCall;
      if (fail && !applyFirst) {
        throw new DeployerUnavailableException("deployer down");
      }
      delegate.deploy(batch);
      if (fail) {
        throw new IllegalStateException("worker died after the deployer applied the batch");
      }
    }

    @Override
    public void rollBack(DeployBatch batch) {
      delegate.rollBack(batch);
    }
  }
}
