package io.waveguard.activities.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.activities.TestDatabase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which release's build a target ran at an instant: the one that held it then, even where two
 * releases shared the target before holds existed and one of them rolled back over the other.
 */
class DeployedVersionsTest {

  private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant T2 = T1.plus(Duration.ofMinutes(10));
  private static final Instant T3 = T1.plus(Duration.ofMinutes(20));
  private static final Instant T4 = T1.plus(Duration.ofMinutes(30));

  private Jdbi jdbi;
  private DeploymentDao deployments;

  @BeforeEach
  void freshDatabase() {
    jdbi = TestDatabase.migrated();
    deployments = jdbi.onDemand(DeploymentDao.class);
  }

  @Test
  void anOlderReleasesRollbackAfterANewerDeployOverwroteItSoNeitherIsCreditedAfterwards() {
    deploy("a", "2.0", T1);
    deploy("b", "3.0", T2);
    rollBack("a", T3);

    assertThat(deployments.versionsAt(List.of("t"), T1.plusSeconds(1))).containsEntry("t", "2.0");
    assertThat(deployments.versionsAt(List.of("t"), T2.plusSeconds(1))).containsEntry("t", "3.0");
    // The rollback of a put back what was there before a: b's build is gone, whatever is newest.
    assertThat(deployments.versionsAt(List.of("t"), T4)).doesNotContainKey("t");
    assertThat(deployments.versionAt("t", Timestamp.from(T4))).isNull();
  }

  @Test
  void theRollbackOfTheNewerReleaseGivesTheTargetBackToTheOlderOnesBuild() {
    deploy("a", "2.0", T1);
    deploy("b", "3.0", T2);
    rollBack("b", T3);

    assertThat(deployments.versionsAt(List.of("t"), T4)).containsEntry("t", "2.0");
  }

  @Test
  void aReleaseIsCreditedWithATargetOnlyUntilAnotherReleaseReplacedItsBuild() {
    deploy("a", "2.0", T1);
    deploy("b", "3.0", T2);
    rollBack("a", T3);
    deploy("c", "4.0", T4);

    assertThat(deployments.attributionWindows("a"))
        .containsExactly(new AttributionWindow("t", 1, T1, T2));
    // b's build was overwritten by a's rollback.
    assertThat(deployments.attributionWindows("b"))
        .containsExactly(new AttributionWindow("t", 1, T2, T3));
    assertThat(deployments.attributionWindows("c"))
        .containsExactly(new AttributionWindow("t", 1, T4, null));
  }

  private void deploy(String release, String version, Instant at) {
    deployments.insertPending(release, List.of("t"), List.of(1), version);
    String key = "deploy-" + release;
    deployments.claimForDeploy(release, new String[] {"t"}, key);
    deployments.markDeployed(release, key, Timestamp.from(at));
  }

  private void rollBack(String release, Instant at) {
    String key = "rollback-" + release;
    deployments.claimForRollBack(release, new String[] {"t"}, key);
    deployments.markRolledBack(release, key, Timestamp.from(at));
  }
}
