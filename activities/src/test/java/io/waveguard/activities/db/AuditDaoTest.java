package io.waveguard.activities.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.waveguard.activities.TestDatabase;
import org.junit.jupiter.api.Test;

class AuditDaoTest {

  @Test
  void keepsEveryCommandOfAReleaseInOrder() {
    AuditDao audit = TestDatabase.migrated().onDemand(AuditDao.class);

    audit.append("r1", "pause", "ana", "noisy pager", "ACCEPTED", "PAUSED");
    audit.append("r2", "abort", "bo", "wrong release", "ACCEPTED", "ABORTED");
    audit.append("r1", "approve", "ana", "looks fine", "REJECTED", "no wave awaits approval");

    assertThat(audit.forRelease("r1"))
        .extracting(AuditEntry::action, AuditEntry::outcome)
        .containsExactly(tuple("pause", "ACCEPTED"), tuple("approve", "REJECTED"));
  }
}
