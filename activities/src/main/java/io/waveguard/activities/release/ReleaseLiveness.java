package io.waveguard.activities.release;

import io.waveguard.activities.db.ReleaseDao;
import io.waveguard.policy.model.ReleaseStatus;
import org.jdbi.v3.core.Jdbi;

/**
 * Whether a release still runs. A target hold of a release that does not (its workflow was
 * terminated or timed out by hand, so it never let go) is stale, and the next claim takes it over.
 */
@FunctionalInterface
public interface ReleaseLiveness {

  boolean isRunning(String releaseId);

  /**
   * The read model's word: running while its last recorded status is not final. Only for tests and
   * tools without Temporal: a terminated workflow never records a final status, so its holds would
   * never turn stale this way. Workers use {@link TemporalReleaseLiveness}.
   */
  static ReleaseLiveness ofReadModel(Jdbi jdbi) {
    return releaseId ->
        jdbi.withExtension(ReleaseDao.class, dao -> dao.status(releaseId))
            .map(status -> !ReleaseStatus.valueOf(status).isFinal())
            .orElse(false);
  }
}
