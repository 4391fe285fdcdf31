package io.waveguard.activities.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.activities.fleet.SimulatedFleet;
import io.waveguard.workflows.model.ReleasePolicy;
import io.waveguard.workflows.model.ReleaseSpec;
import io.waveguard.workflows.model.Strategy;
import io.waveguard.workflows.model.Target;
import io.waveguard.workflows.model.TargetSelector;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jdbi.v3.core.Jdbi;

/** Shared setup of the release activity tests: a stored fleet and release specs for it. */
final class Releases {

  static final String SERVICE = "pay";

  private Releases() {}

  static List<Target> storeFleet(Jdbi jdbi, int count) {
    List<Target> fleet = SimulatedFleet.generate(SERVICE, count, 42);
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
}
