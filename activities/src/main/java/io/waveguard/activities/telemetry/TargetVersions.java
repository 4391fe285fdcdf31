package io.waveguard.activities.telemetry;

import io.waveguard.activities.db.DeploymentDao;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Which build each target ran at an instant, as Waveguard deployed it: what a source that sees
 * version labels compares them with, so telemetry of another build is never credited to a release.
 */
@FunctionalInterface
public interface TargetVersions {

  /** Nothing known: every target on its baseline, so no label can disagree. */
  TargetVersions NONE = (targetIds, at) -> Map.of();

  /** Target id to the version it ran at the instant; targets on their baseline are absent. */
  Map<String, String> versionsAt(List<String> targetIds, Instant at);

  /** The deployments table's answer ({@link DeploymentDao#versionsAt(List, Instant)}). */
  static TargetVersions of(Jdbi jdbi) {
    return (targetIds, at) ->
        jdbi.withExtension(DeploymentDao.class, dao -> dao.versionsAt(targetIds, at));
  }
}
