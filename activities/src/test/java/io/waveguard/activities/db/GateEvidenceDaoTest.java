package io.waveguard.activities.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waveguard.activities.TestDatabase;
import io.waveguard.policy.gate.sequential.CohortCell;
import io.waveguard.policy.gate.sequential.PeriodObservation;
import io.waveguard.policy.gate.sequential.ReleaseEvidence;
import io.waveguard.policy.gate.sequential.SequentialGate;
import io.waveguard.policy.model.CohortStats;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.SequentialGatePolicy;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GateEvidenceDaoTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final SequentialGate GATE = new SequentialGate(SequentialGatePolicy.defaults());

  private GateEvidenceDao dao;

  @BeforeEach
  void freshDatabase() {
    dao = TestDatabase.migrated().onDemand(GateEvidenceDao.class);
  }

  @Test
  void storedEvidenceReadsBackAsTheSameEvidence() {
    ReleaseEvidence evidence = evidenceAfterOnePeriod();
    GateResult result = judge(evidence);

    dao.insert(row(T0.plusSeconds(60), evidence, result));

    GateEvidenceRow stored = dao.find("r1", T0.plusSeconds(60)).orElseThrow();
    // jsonb keeps object keys in its own order; the values must be exactly the same.
    JsonNode read = Database.JSON.valueToTree(stored.evidence());
    JsonNode written = Database.JSON.valueToTree(evidence);
    assertThat(read).isEqualTo(written);
    assertThat(judge(stored.evidence())).isEqualTo(result);
    assertThat(stored.result()).isEqualTo(result);
    assertThat(stored.wave()).isEqualTo(1);
    assertThat(stored.periodStart()).isEqualTo(T0);
  }

  @Test
  void aSecondRowForTheSamePeriodIsNotStoredAndTheFirstStands() {
    ReleaseEvidence evidence = evidenceAfterOnePeriod();
    GateResult first = judge(evidence);
    GateResult other = new GateResult(GateVerdict.FAIL, "other", first.deployed(), first.control());

    int inserted = dao.insert(row(T0.plusSeconds(60), evidence, first));
    int again = dao.insert(row(T0.plusSeconds(60), evidence, other));

    assertThat(inserted).isEqualTo(1);
    assertThat(again).isZero();
    assertThat(dao.forRelease("r1"))
        .singleElement()
        .satisfies(r -> assertThat(r.result()).isEqualTo(first));
  }

  @Test
  void latestBeforeIsTheNewestPeriodThatEndedEarlier() {
    ReleaseEvidence evidence = evidenceAfterOnePeriod();
    GateResult result = judge(evidence);
    dao.insert(row(T0.plusSeconds(60), evidence, result));
    dao.insert(row(T0.plusSeconds(120), evidence, result));
    dao.insert(row(T0.plusSeconds(180), evidence, result));

    assertThat(dao.latestBefore("r1", T0.plusSeconds(180)))
        .get()
        .extracting(GateEvidenceRow::periodEnd)
        .isEqualTo(T0.plusSeconds(120));
    assertThat(dao.latestBefore("r1", T0.plusSeconds(60))).isEmpty();
    assertThat(dao.latestBefore("other", T0.plusSeconds(600))).isEmpty();
  }

  private static GateEvidenceRow row(Instant end, ReleaseEvidence evidence, GateResult result) {
    return GateEvidenceRow.of("r1", end.minusSeconds(60), end, 1, evidence, result);
  }

  private static GateResult judge(ReleaseEvidence evidence) {
    return GATE.judge(
        evidence, Tier.STANDARD, new CohortStats(2, 2_000, 3), new CohortStats(2, 2_000, 2));
  }

  /** Two regions, so the evidence has strata beside the whole release. */
  private static ReleaseEvidence evidenceAfterOnePeriod() {
    List<Target> targets = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      targets.add(
          new Target(
              "t" + i, "pay", "eu", Tier.LOW, 1.0, Map.of("region", i % 2 == 0 ? "a" : "b")));
    }
    ReleaseEvidence start = GATE.start(targets);
    List<CohortCell> deployed = List.of(cell("a", 1_000, 2, 0.9), cell("b", 1_000, 1, 1.1));
    List<CohortCell> controls = List.of(cell("a", 1_000, 1, 1.0), cell("b", 1_000, 1, 1.0));
    return GATE.observe(start, PeriodObservation.concurrent(deployed, controls));
  }

  private static CohortCell cell(String region, long requests, long errors, double expected) {
    return new CohortCell(
        "eu",
        Tier.LOW,
        Map.of("region", region),
        1,
        List.of(),
        requests,
        errors,
        expected,
        0,
        60,
        0,
        60,
        1);
  }
}
