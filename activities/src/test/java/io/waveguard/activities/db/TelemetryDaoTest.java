package io.waveguard.activities.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.activities.TestDatabase;
import io.waveguard.policy.model.CohortStats;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TelemetryDaoTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private TelemetryDao telemetry;

  @BeforeEach
  void freshDatabase() {
    telemetry = TestDatabase.migrated().onDemand(TelemetryDao.class);
  }

  @Test
  void resentWindowReplacesTheEarlierCopy() {
    telemetry.upsert(List.of(sample("a", T0, 100, 5)));

    telemetry.upsert(List.of(sample("a", T0, 120, 1)));

    assertThat(telemetry.aggregate(List.of("a"), T0, T0.plusSeconds(60)))
        .isEqualTo(new CohortStats(1, 120, 1));
  }

  @Test
  void aggregateSumsWindowsStartingInsideTheHalfOpenRange() {
    telemetry.upsert(
        List.of(
            sample("a", T0.minusSeconds(60), 1_000, 100), // starts before: excluded
            sample("a", T0, 100, 1), // starts at from: included
            sample("b", T0.plusSeconds(60), 200, 2),
            sample("c", T0.plusSeconds(60), 300, 3), // not in the cohort
            sample("a", T0.plusSeconds(120), 1_000, 100))); // starts at to: excluded

    CohortStats stats = telemetry.aggregate(List.of("a", "b"), T0, T0.plusSeconds(120));

    assertThat(stats).isEqualTo(new CohortStats(2, 300, 3));
  }

  @Test
  void cohortWithoutSamplesHasNoRequests() {
    assertThat(telemetry.aggregate(List.of("a"), T0, T0.plusSeconds(60)))
        .isEqualTo(new CohortStats(0, 0, 0));
    assertThat(telemetry.aggregate(List.of(), T0, T0.plusSeconds(60))).isEqualTo(CohortStats.EMPTY);
  }

  @Test
  void retentionDeletesOnlySamplesOlderThanTheCutoff() {
    telemetry.upsert(List.of(sample("a", T0.minusSeconds(60), 10, 0), sample("a", T0, 20, 0)));

    int deleted = telemetry.deleteOlderThan(Timestamp.from(T0));

    assertThat(deleted).isEqualTo(1);
    assertThat(telemetry.aggregate(List.of("a"), Instant.EPOCH, T0.plusSeconds(600)))
        .isEqualTo(new CohortStats(1, 20, 0));
  }

  @Test
  void perTargetSumsCountsWithTheCoveredShareAndEveryWindowsP99() {
    telemetry.upsert(
        List.of(
            new TelemetrySample("a", T0.plusSeconds(60), T0.plusSeconds(120), 50, 2, 90.0, 1),
            new TelemetrySample("a", T0, T0.plusSeconds(60), 100, 1, 120.0, 0),
            new TelemetrySample("b", T0, T0.plusSeconds(60), 10, 0, null, 0)));

    List<TargetTelemetryRow> rows =
        telemetry.perTarget(List.of("a", "b", "silent"), T0, T0.plusSeconds(240));

    // The p99s are a multiset (medians, ranks and counts read them): compared in value order.
    assertThat(rows.stream().map(TelemetryDaoTest::inValueOrder))
        .containsExactlyInAnyOrder(
            new TargetTelemetryRow("a", 150, 3, 1, 0.5, List.of(90.0, 120.0)),
            new TargetTelemetryRow("b", 10, 0, 0, 0.25, List.of()));
    assertThat(telemetry.perTarget(List.of(), T0, T0.plusSeconds(60))).isEmpty();
  }

  private static TelemetrySample sample(String target, Instant start, long requests, long errors) {
    return new TelemetrySample(target, start, start.plusSeconds(60), requests, errors, null, 0);
  }

  private static TargetTelemetryRow inValueOrder(TargetTelemetryRow row) {
    return new TargetTelemetryRow(
        row.targetId(),
        row.requests(),
        row.errors(),
        row.crashes(),
        row.availability(),
        row.latencyP99Ms().stream().sorted().toList());
  }
}
