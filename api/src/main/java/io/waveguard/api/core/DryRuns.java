package io.waveguard.api.core;

import io.waveguard.activities.db.TargetDao;
import io.waveguard.activities.release.ReleasePlanner;
import io.waveguard.api.dto.PlanView;
import io.waveguard.policy.calendar.ChangeCalendar;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.plan.TrustPlan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Plans a release the way its workflow would, with the same planner and the targets' trust right
 * now, and returns the plan without storing or starting anything.
 */
public final class DryRuns {

  private final TargetSelection targets;
  private final ReleasePlanner planner;
  private final Clock clock;

  public DryRuns(TargetDao targets, ReleasePlanner planner) {
    this(targets, planner, Clock.systemUTC());
  }

  DryRuns(TargetDao targets, ReleasePlanner planner, Clock clock) {
    this.targets = new TargetSelection(targets);
    this.planner = planner;
    this.clock = clock;
  }

  /** The plan with the targets' trust now (to the microsecond, as PostgreSQL keeps time). */
  public PlanView plan(ReleaseSpec spec) {
    return plan(spec, clock.instant().truncatedTo(ChronoUnit.MICROS));
  }

  /**
   * The plan with the targets' trust as it was at {@code at}, so a later page of a dry run comes
   * from the same plan as its first: history up to then, telemetry in the windows ending then.
   */
  public PlanView plan(ReleaseSpec spec, Instant at) {
    List<Target> selected = targets.select(spec);
    TrustPlan plan = planner.plan(spec, selected, at);
    return PlanView.of(
        spec.service(),
        spec.version(),
        spec.strategy(),
        at,
        plan,
        earliestStarts(spec.policy(), plan.waves().size(), at));
  }

  /** When each wave could start at the earliest under the policy's change calendar. */
  private static List<Instant> earliestStarts(ReleasePolicy policy, int waves, Instant at) {
    ChangeCalendar calendar =
        policy != null && policy.changeCalendar() != null
            ? policy.changeCalendar()
            : ChangeCalendar.always();
    Duration shortestWave =
        Duration.ofSeconds(
            policy == null
                ? ReleasePolicy.defaults().shortestBakeSeconds()
                : policy.shortestBakeSeconds());
    return calendar.earliestWaveStarts(at, waves, shortestWave);
  }
}
