package io.waveguard.simulatedfleet.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.activities.TestDatabase;
import io.waveguard.activities.db.DeploymentDao;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.policy.model.CohortStats;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatedTelemetrySourceTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);

  private Jdbi jdbi;
  private List<String> cells;

  @BeforeEach
  void setUp() {
    jdbi = TestDatabase.migrated();
    cells = IntStream.rangeClosed(1, 20).mapToObj(i -> "cell-" + i).toList();
    jdbi.useExtension(
        TargetDao.class,
        dao ->
            cells.forEach(id -> dao.upsert(new Target(id, "pay", "eu", Tier.LOW, 1.0, Map.of()))));
  }

  @Test
  void sameTargetsAndWindowGiveTheSameNumbersInEveryProcess() {
    CohortStats first = source().aggregate(cells, T0, T0.plus(HOUR));
    CohortStats second = source().aggregate(cells, T0, T0.plus(HOUR));

    assertThat(second).isEqualTo(first);
    assertThat(first.targets()).isEqualTo(20);
    assertThat(first.requests()).isEqualTo(20 * 100 * 60);
    assertThat(first.errorRate())
        .isBetween(
            SimulatedTelemetrySource.MIN_BASELINE_ERROR_RATE / 2,
            SimulatedTelemetrySource.MAX_BASELINE_ERROR_RATE * 2);
  }

  @Test
  void requestsGrowWithTargetSizeAndWindowLength() {
    jdbi.useExtension(
        TargetDao.class,
        dao -> dao.upsert(new Target("big", "pay", "eu", Tier.LOW, 2.5, Map.of())));

    CohortStats big = source().aggregate(List.of("big"), T0, T0.plus(Duration.ofMinutes(30)));

    assertThat(big.requests()).isEqualTo(Math.round(100 * 30 * 2.5));
  }

  @Test
  void faultyVersionRaisesErrorsOnlyWhileItRuns() {
    Instant deployedAt = T0.plus(HOUR);
    Instant rolledBackAt = deployedAt.plus(HOUR);
    deploy("r1", "2.0-faulty", deployedAt);
    rollBack("r1", rolledBackAt);

    CohortStats before = source().aggregate(cells, T0, deployedAt);
    CohortStats during = source().aggregate(cells, deployedAt, rolledBackAt);
    CohortStats after = source().aggregate(cells, rolledBackAt, rolledBackAt.plus(HOUR));

    assertThat(during.errorRate()).isGreaterThan(5 * before.errorRate());
    assertThat(after.errorRate()).isLessThan(2 * before.errorRate());
  }

  /**
   * Two releases shared the targets (before holds): the older one's rollback put back what ran
   * before it, so the newer faulty build no longer runs there even though it deployed last.
   */
  @Test
  void aFaultyBuildOverwrittenByAnOlderReleasesRollbackNoLongerRaisesErrors() {
    Instant first = T0.plus(HOUR);
    Instant second = first.plus(HOUR);
    Instant overwritten = second.plus(HOUR);
    deploy("older", "2.0", first);
    deploy("newer", "2.1-faulty", second);
    rollBack("older", overwritten);

    CohortStats before = source().aggregate(cells, T0, first);
    CohortStats faulty = source().aggregate(cells, second, overwritten);
    CohortStats after = source().aggregate(cells, overwritten, overwritten.plus(HOUR));

    assertThat(faulty.errorRate()).isGreaterThan(5 * before.errorRate());
    assertThat(after.errorRate()).isLessThan(2 * before.errorRate());
  }

  @Test
  void healthyVersionKeepsTheBaseline() {
    deploy("r1", "2.0", T0);

    CohortStats deployed = source().aggregate(cells, T0, T0.plus(HOUR));
    CohortStats baseline = source().aggregate(cells, T0.minus(HOUR), T0);

    assertThat(deployed.errorRate()).isBetween(baseline.errorRate() / 2, baseline.errorRate() * 2);
  }

  @Test
  void unknownTargetsServeAtUnitSizeAndEmptyWindowsHaveNoTraffic() {
    assertThat(source().aggregate(List.of("ghost"), T0, T0.plusSeconds(60)).requests())
        .isEqualTo(100);
    assertThat(source().aggregate(cells, T0, T0)).isEqualTo(CohortStats.EMPTY);
    assertThat(source().aggregate(List.of(), T0, T0.plus(HOUR))).isEqualTo(CohortStats.EMPTY);
  }

  @Test
  void baselineErrorRatesStayWithinTheirBounds() {
    IntStream.range(0, 1_000)
        .mapToObj(i -> "t-" + i)
        .forEach(
            id ->
                assertThat(SimulatedTelemetrySource.baselineErrorRate(id))
                    .isBetween(
                        SimulatedTelemetrySource.MIN_BASELINE_ERROR_RATE,
                        SimulatedTelemetrySource.MAX_BASELINE_ERROR_RATE));
  }

  private SimulatedTelemetrySource source() {
    return new SimulatedTelemetrySource(jdbi, new FaultModel(), 100);
  }

  private void deploy(String releaseId, String version, Instant at) {
    String key = releaseId + ":deploy";
    jdbi.useExtension(
        DeploymentDao.class,
        dao -> {
          dao.insertPending(releaseId, cells, cells.stream().map(c -> 1).toList(), version);
          dao.claimForDeploy(releaseId, cells.toArray(String[]::new), key);
          dao.markDeployed(releaseId, key, Timestamp.from(at));
        });
  }

  private void rollBack(String releaseId, Instant at) {
    String key = releaseId + ":rollback";
    jdbi.useExtension(
        DeploymentDao.class,
        dao -> {
          dao.claimForRollBack(releaseId, cells.toArray(String[]::new), key);
          dao.markRolledBack(releaseId, key, Timestamp.from(at));
        });
  }
}
