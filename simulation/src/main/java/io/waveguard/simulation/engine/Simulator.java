package io.waveguard.simulation.engine;

import io.waveguard.policy.controller.ReleaseCommand;
import io.waveguard.policy.controller.ReleaseStateMachine;
import io.waveguard.policy.model.GateResult;
import io.waveguard.policy.model.GateVerdict;
import io.waveguard.policy.model.OperatorAction;
import io.waveguard.policy.model.OperatorCommand;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.WaveSummary;
import io.waveguard.simulation.scenario.OperatorSpec;
import io.waveguard.simulation.world.ReleaseCase;
import io.waveguard.simulation.world.SimulatedWorld;
import java.util.List;

/**
 * The second body of the release controller (DESIGN §2): asks the policy core's {@link
 * ReleaseStateMachine} for each command and carries it out on a virtual clock over a simulated
 * world, exactly as ReleaseWorkflowImpl does with activities and timers. Operators resume and
 * approve after the scenario's delays; they never abort.
 */
public final class Simulator {

  /** Far beyond any real release; a loop this long is a bug in a body, not a slow release. */
  private static final int MAX_STEPS = 10_000;

  private static final OperatorCommand OPERATOR =
      new OperatorCommand("simulated-operator", "scenario operator model");

  private final SimulatedWorld world;

  public Simulator(SimulatedWorld world) {
    this.world = world;
  }

  /** Runs one release of one strategy to its final status. */
  public ReleaseOutcome run(ReleaseCase release, SimStrategy strategy) {
    return run(release, strategy, DecisionTrace.discarding());
  }

  /** Runs one release and records its decisions into {@code trace}. */
  public ReleaseOutcome run(ReleaseCase release, SimStrategy strategy, DecisionTrace trace) {
    OperatorSpec operator = world.scenario().operator();
    boolean replans = strategy.replanning() != SimStrategy.Replanning.NONE;
    ReleaseRun run = new ReleaseRun(world, release, strategy);
    ReleaseStateMachine machine = new ReleaseStateMachine(run.policy(), replans);
    if (strategy.sequentialGate()) {
      machine.enableSequentialGate();
    }
    double now = 0;
    double detected = Double.NaN;
    int holds = 0;
    int waves = 0;
    ReleaseCommand command = machine.next();
    for (int step = 0; command.type() != ReleaseCommand.Type.FINISH; step++) {
      if (step > MAX_STEPS) {
        throw new IllegalStateException("release did not finish: " + command.describe());
      }
      int wave = command.wave();
      switch (command.type()) {
        case PLAN -> {
          List<WaveSummary> plan = run.plan();
          waves = plan.size();
          trace.planned(plan);
          machine.planned(plan);
        }
        case DEPLOY_WAVE -> {
          machine.deployStarted(wave);
          now += operator.deployMinutesPerWave();
          run.deploy(wave);
          trace.deployed(wave);
          machine.waveDeployed(wave);
        }
        case BAKE -> {
          now += run.stepMinutes();
          run.periodBaked(wave);
          machine.bakeElapsed(wave);
        }
        case EVALUATE_GATE -> {
          // The window the workflow reads: bakeSeconds × (command.extension() + 1), or the
          // sequential gate's latest period.
          int window = machine.usesSequentialGate() ? 1 : command.extension() + 1;
          GateResult result =
              machine.usesSequentialGate()
                  ? run.sequentialGate(command.tier())
                  : run.gate(wave, window);
          if (result.verdict() == GateVerdict.FAIL && Double.isNaN(detected)) {
            detected = now;
          }
          trace.gateEvaluated(wave, run.periodsBaked(wave) - 1, window, result);
          machine.gateEvaluated(wave, result);
        }
        case REPLAN -> {
          ReplanOutcome replan = run.replan(wave);
          trace.replanned(wave, replan.remaining(), replan.hold());
          machine.replanned(wave, replan.remaining(), replan.hold());
        }
        case ROLL_BACK_WAVE -> {
          now += operator.rollbackMinutesPerWave();
          run.rollBack(wave);
          trace.rolledBack(wave);
          machine.waveRolledBack(wave);
        }
        case AWAIT_RESUME -> {
          now += operator.resumeAfterMinutes();
          holds++;
          trace.resumed(wave);
          machine.apply(OperatorAction.RESUME, OPERATOR);
        }
        case AWAIT_APPROVAL -> {
          now += operator.approveAfterMinutes();
          Tier tier = command.tier();
          trace.approved(wave, tier);
          machine.apply(OperatorAction.APPROVE, OPERATOR);
        }
        case LIST_STRANDED_TARGETS, AWAIT_RETRY_ROLLBACK ->
            // Only a failed rollback leads here, and a simulated rollback always succeeds.
            throw new IllegalStateException("a simulated rollback never fails: " + command);
        case FINISH -> throw new IllegalStateException("FINISH is not executed");
      }
      command = machine.next();
    }
    ReleaseStatus status = command.finalStatus();
    trace.finished(status);
    return outcome(release, run, status, detected, now, waves, holds);
  }

  private ReleaseOutcome outcome(
      ReleaseCase release,
      ReleaseRun run,
      ReleaseStatus status,
      double detected,
      double now,
      int waves,
      int holds) {
    double highExposed = 0;
    double highTotal = 0;
    double allExposed = 0;
    double allTotal = 0;
    int highTouched = 0;
    boolean safetyTouched = false;
    List<Target> targets = world.fleet().targets();
    for (int i = 0; i < targets.size(); i++) {
      Target target = targets.get(i);
      boolean high = target.tier().compareTo(Tier.FINANCE_CRITICAL) >= 0;
      double impact = target.impact();
      allTotal += impact;
      highTotal += high ? impact : 0;
      if (run.touched(i)) {
        allExposed += impact;
        if (high) {
          highExposed += impact;
          highTouched++;
        }
        safetyTouched |= target.tier() == Tier.SAFETY_CRITICAL;
      }
    }
    return new ReleaseOutcome(
        release.faulty(),
        status,
        run.tierExposure(),
        highTotal > 0 ? highExposed / highTotal : 0,
        allExposed / allTotal,
        highTouched,
        safetyTouched,
        detected,
        now,
        waves,
        holds);
  }
}
