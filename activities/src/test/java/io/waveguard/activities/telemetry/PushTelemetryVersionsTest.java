package io.waveguard.activities.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.activities.TestDatabase;
import io.waveguard.activities.db.DeploymentDao;
import io.waveguard.activities.db.TelemetryDao;
import io.waveguard.activities.db.TelemetrySample;
import io.waveguard.policy.model.CohortStats;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pushed samples labelled with another build than the target ran are credited to no release. */
class PushTelemetryVersionsTest {

  private static final Instant DEPLOYED = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant FROM = DEPLOYED.plus(Duration.ofMinutes(1));
  private static final Instant TO = FROM.plus(Duration.ofMinutes(5));

  private Jdbi jdbi;
  private PushTelemetrySource source;

  @BeforeEach
  void release() {
    jdbi = TestDatabase.migrated();
    source = new PushTelemetrySource(jdbi);
    // Release r deploys 2.0 on "deployed"; "control" is still pending in it.
    DeploymentDao deployments = jdbi.onDemand(DeploymentDao.class);
    deployments.insertPending("r", List.of("deployed", "control"), List.of(1, 2), "2.0");
    deployments.claimForDeploy("r", new String[] {"deployed"}, "k");
    deployments.markDeployed("r", "k", Timestamp.from(DEPLOYED));
  }

  @Test
  void aDeployedTargetsSamplesOfTheBuildBeforeAreNotCreditedToTheRelease() {
    push(
        sample("deployed", 0, 1_000, 900, "1.9"), // a stale exporter still on the old build
        sample("deployed", 1, 1_000, 2, "2.0"),
        sample("deployed", 2, 1_000, 1, null)); // unlabelled: the target's

    TargetTelemetry read = source.perTarget(List.of("deployed"), FROM, TO).get("deployed");

    assertThat(read.requests()).isEqualTo(2_000);
    assertThat(read.errors()).isEqualTo(3);
    assertThat(source.aggregate(List.of("deployed"), FROM, TO))
        .isEqualTo(new CohortStats(1, 2_000, 3));
    Map<String, HealthWindows> health =
        source.healthWindows(List.of("deployed"), DEPLOYED, FROM, TO);
    assertThat(health.get("deployed").current().errors()).isEqualTo(3);
  }

  @Test
  void aControlThatReportsTheReleasesOwnBuildIsNoBaselineEvidence() {
    push(
        sample("control", 0, 1_000, 50, "2.0"), // the release's build on a not-yet-deployed target
        sample("control", 1, 1_000, 1, "1.9"),
        sample("control", 2, 1_000, 1, null));

    TargetTelemetry read = source.perTarget(List.of("control"), FROM, TO).get("control");

    assertThat(read.requests()).isEqualTo(2_000);
    assertThat(read.errors()).isEqualTo(2);
  }

  private void push(TelemetrySample... samples) {
    jdbi.useExtension(TelemetryDao.class, dao -> dao.upsert(List.of(samples)));
  }

  private static TelemetrySample sample(
      String target, int minute, long requests, long errors, String version) {
    Instant start = FROM.plus(Duration.ofMinutes(minute));
    return new TelemetrySample(
        target, start, start.plusSeconds(60), requests, errors, 100.0, 0, version);
  }
}
