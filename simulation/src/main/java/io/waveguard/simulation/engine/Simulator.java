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
    boolean replans = strategy.replanning() != SimStrategy.Replanning.NONE;
    ReleaseRun run = new ReleaseRun(world, release, strategy);
    ReleaseStateMachine machine = new ReleaseStateMachine(run.policy(), replans);
    if (strategy.sequentialGate()) {
      machine.enableSequentialGate();
    }
    Execution execution = new Execution(run, machine, trace, world.scenario().operator());
    ReleaseCommand command = machine.next();
    for (int step = 0; !command.isFinish(); step++) {
      if (step > MAX_STEPS) {
        throw new IllegalStateException("release did not finish: " + command.describe());
      }
      command.executeOn(execution);
      command = machine.next();
    }
    ReleaseStatus status = ((ReleaseCommand.Finish) command).status();
    trace.finished(status);
    return outcome(
        release, run, status, execution.detected, execution.now, execution.waves, execution.holds);
  }

  /** Carries out one release's commands on the virtual clock {@link #now} (minutes). */
  private static final class Execution implements ReleaseCommand.Executor {
    private final ReleaseRun run;
    private final ReleaseStateMachine machine;
    private final DecisionTrace trace;
    private final OperatorSpec operator;
    private double now;
    private double detected = Double.NaN;
    private int holds;
    private int waves;

    Execution(
        ReleaseRun run, ReleaseStateMachine machine, DecisionTrace trace, OperatorSpec operator) {
      this.run = run;
      this.machine = machine;
      this.trace = trace;
      this.operator = operator;
    }

    @Override
    public void plan(ReleaseCommand.Plan command) {
      List<WaveSummary> plan = run.plan();
      waves = plan.size();
      trace.planned(plan);
      machine.planned(plan);
    }

    @Override
    public void deployWave(ReleaseCommand.DeployWave command) {
      int wave = command.wave();
      machine.deployStarted(wave);
      now += operator.deployMinutesPerWave();
      run.deploy(wave);
      trace.deployed(wave);
      machine.waveDeployed(wave);
    }

    @Override
    public void bake(ReleaseCommand.Bake command) {
      now += run.stepMinutes();
      run.periodBaked(command.wave());
      machine.bakeElapsed(command.wave());
    }

    @Override
    public void evaluateGate(ReleaseCommand.EvaluateGate command) {
      int wave = command.wave();
      // The window the workflow reads: bakeSeconds × (extensions + 1), or the sequential gate's
      // latest period.
      int window = machine.usesSequentialGate() ? 1 : command.extensions() + 1;
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

    @Override
    public void replan(ReleaseCommand.Replan command) {
      ReplanOutcome replan = run.replan(command.wave());
      trace.replanned(command.wave(), replan.remaining(), replan.hold());
      machine.replanned(command.wave(), replan.remaining(), replan.hold());
    }

    @Override
    public void rollBackWave(ReleaseCommand.RollBackWave command) {
      now += operator.rollbackMinutesPerWave();
      run.rollBack(command.wave());
      trace.rolledBack(command.wave());
      machine.waveRolledBack(command.wave());
    }

    @Override
    public void awaitResume(ReleaseCommand.AwaitResume command) {
      now += operator.resumeAfterMinutes();
      holds++;
      trace.resumed(command.wave());
      machine.apply(OperatorAction.RESUME, OPERATOR);
    }

    @Override
    public void awaitApproval(ReleaseCommand.AwaitApproval command) {
      now += operator.approveAfterMinutes();
      trace.approved(command.wave(), command.tier());
      machine.apply(OperatorAction.APPROVE, OPERATOR);
    }

    @Override
    public void awaitTargets(ReleaseCommand.AwaitTargets command) {
      throw new IllegalStateException("a simulated release never shares its targets: " + command);
    }

    @Override
    public void awaitChangeWindow(ReleaseCommand.AwaitChangeWindow command) {
      throw new IllegalStateException("a simulated release has no change calendar: " + command);
    }

    @Override
    public void listStrandedTargets(ReleaseCommand.ListStrandedTargets command) {
      throw new IllegalStateException("a simulated rollback never fails: " + command);
    }

    @Override
    public void awaitRetryRollback(ReleaseCommand.AwaitRetryRollback command) {
      throw new IllegalStateException("a simulated rollback never fails: " + command);
    }
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
