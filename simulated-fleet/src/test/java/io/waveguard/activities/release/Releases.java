package io.waveguard.activities.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.activities.trust.TrustEngine;
import io.waveguard.activities.trust.TrustSettings;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.policy.model.Strategy;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.TargetSelector;
import io.waveguard.simulatedfleet.FleetTargets;
import io.waveguard.simulatedfleet.telemetry.FaultModel;
import io.waveguard.simulatedfleet.telemetry.SimulatedTelemetrySource;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jdbi.v3.core.Jdbi;

/** Shared setup of the release activity tests: a stored fleet and release specs for it. */
final class Releases {

  static final String SERVICE = "pay";

  private Releases() {}

  static List<Target> storeFleet(Jdbi jdbi, int count) {
    List<Target> fleet = FleetTargets.generate(SERVICE, count, 42);
    jdbi.useExtension(TargetDao.class, dao -> dao.upsertAll(fleet));
    return fleet;
  }

  static ReleaseSpec spec(String releaseId, String version, Strategy strategy) {
    return spec(releaseId, version, strategy, TargetSelector.all());
  }

  static ReleaseSpec spec(
      String releaseId, String version, Strategy strategy, TargetSelector selector) {
    return new ReleaseSpec(
        releaseId, SERVICE, version, strategy, selector, ReleasePolicy.defaults(), "test");
  }

  /** The application failure an activity stub threw, unwrapped from its ActivityFailure. */
  static ApplicationFailure applicationFailure(ThrowingCallable call) {
    ActivityFailure failure = catchThrowableOfType(ActivityFailure.class, call);
    assertThat(failure).as("activity failure").isNotNull();
    assertThat(failure.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) failure.getCause();
  }

  /** The trust engine with default settings over simulated telemetry. */
  static TrustEngine trust(Jdbi jdbi) {
    return new TrustEngine(jdbi, simulatedTelemetry(jdbi), TrustSettings.defaults());
  }

  static SimulatedTelemetrySource simulatedTelemetry(Jdbi jdbi) {
    return new SimulatedTelemetrySource(jdbi, new FaultModel(), 1_000);
  }

  /** Planning activities as a worker wires them, over simulated telemetry. */
  static PlanningActivitiesImpl planning(Jdbi jdbi) {
    TrustEngine trust = trust(jdbi);
    return new PlanningActivitiesImpl(
        jdbi, new ReleasePlanner(trust), new ReplanStep(jdbi, trust, simulatedTelemetry(jdbi)));
  }

  /**
   * Marks every pending target of a wave DEPLOYED at the given instant, the way the deployment
   * activity does (claim, then mark), but on a clock the test chooses, so telemetry is repeatable.
   */
  static List<String> deployWaveAt(Jdbi jdbi, String releaseId, int wave, java.time.Instant at) {
    List<String> ids =
        jdbi
            .withExtension(
                io.waveguard.activities.db.DeploymentDao.class, dao -> dao.wave(releaseId, wave))
            .stream()
            .filter(io.waveguard.activities.db.TargetDeployment::isPending)
            .map(io.waveguard.activities.db.TargetDeployment::targetId)
            .toList();
    String key = "test-deploy-" + releaseId + "-" + wave;
    jdbi.useExtension(
        io.waveguard.activities.db.DeploymentDao.class,
        dao -> {
          dao.claimForDeploy(releaseId, ids.toArray(String[]::new), key);
          dao.markDeployed(releaseId, key, java.sql.Timestamp.from(at));
        });
    return ids;
  }

  /** Marks every deployed target of a wave ROLLED_BACK at the given instant. */
  static void rollBackWaveAt(Jdbi jdbi, String releaseId, int wave, java.time.Instant at) {
    String[] ids =
        jdbi
            .withExtension(
                io.waveguard.activities.db.DeploymentDao.class, dao -> dao.wave(releaseId, wave))
            .stream()
            .map(io.waveguard.activities.db.TargetDeployment::targetId)
            .toArray(String[]::new);
    String key = "test-rollback-" + releaseId + "-" + wave;
    jdbi.useExtension(
        io.waveguard.activities.db.DeploymentDao.class,
        dao -> {
          dao.claimForRollBack(releaseId, ids, key);
          dao.markRolledBack(releaseId, key, java.sql.Timestamp.from(at));
        });
  }

  /** One-minute pushed telemetry windows of one target, starting at {@code from}. */
  static List<io.waveguard.activities.db.TelemetrySample> minutes(
      String targetId,
      java.time.Instant from,
      int count,
      long requests,
      long errors,
      Double p99Ms) {
    List<io.waveguard.activities.db.TelemetrySample> samples = new java.util.ArrayList<>(count);
    for (int m = 0; m < count; m++) {
      java.time.Instant start = from.plusSeconds(60L * m);
      samples.add(
          new io.waveguard.activities.db.TelemetrySample(
              targetId, start, start.plusSeconds(60), requests, errors, p99Ms, 0));
    }
    return samples;
  }

  /** How many audit rows of this action the release has. */
  static long auditCount(Jdbi jdbi, String releaseId, String action) {
    return jdbi
        .withExtension(io.waveguard.activities.db.AuditDao.class, dao -> dao.forRelease(releaseId))
        .stream()
        .filter(entry -> entry.action().equals(action))
        .count();
  }
}
