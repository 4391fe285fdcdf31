package io.waveguard.simulation.crosscheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.waveguard.policy.model.OperatorCommand;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.policy.model.TargetSelector;
import io.waveguard.simulation.engine.DecisionTrace;
import io.waveguard.simulation.engine.ReleaseRun;
import io.waveguard.simulation.engine.SimStrategy;
import io.waveguard.simulation.engine.Simulator;
import io.waveguard.simulation.scenario.Scenario;
import io.waveguard.simulation.scenario.ScenarioLoader;
import io.waveguard.simulation.world.ReleaseCase;
import io.waveguard.simulation.world.SimulatedWorld;
import io.waveguard.workflows.release.ReleaseSearchAttributes;
import io.waveguard.workflows.release.ReleaseState;
import io.waveguard.workflows.release.ReleaseWorkflow;
import io.waveguard.workflows.release.ReleaseWorkflowImpl;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One brain, two bodies (DESIGN §2): seeded releases run through the real ReleaseWorkflowImpl on
 * Temporal's time-skipping test server, with activities over a simulated world, and through the
 * simulator; both must take the same decisions, step by step.
 */
class WorkflowCrossCheckTest {

  private static final String QUEUE = "cross-check";
  private static final OperatorCommand OPERATOR = new OperatorCommand("test-operator", "resume");

  // Deploys and rollbacks take no virtual time on the test server; the simulator matches it.
  private static final Scenario SCENARIO =
      new ScenarioLoader()
          .parse(
              """
              name: cross-check
              fleet: {targets: 120, requestsPerMinute: 100000}
              history: {deployments: 30}
              operator: {deployMinutesPerWave: 0, rollbackMinutesPerWave: 0}
              """,
              "cross-check");

  private static TestWorkflowEnvironment env;
  private static WorldActivities activities;
  private static SimulatedWorld world;

  @BeforeAll
  static void startServer() {
    world = new SimulatedWorld(SCENARIO, 7);
    env = TestWorkflowEnvironment.newInstance();
    for (SearchAttributeKey<?> key : ReleaseSearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), key.getValueType());
    }
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(ReleaseWorkflowImpl.class);
    activities = new WorldActivities();
    worker.registerActivitiesImplementations(activities);
    env.start();
  }

  @AfterAll
  static void stopServer() {
    env.close();
  }

  @Test
  void faultyCanaryReleaseRollsBackTheSameWayInBothBodies() throws Exception {
    crossCheck(SimStrategy.CANARY, 10.0, trace -> trace.contains("finish ROLLED_BACK"));
  }

  @Test
  void trustWeightedReleaseReplansTheSameWayInBothBodies() throws Exception {
    crossCheck(
        SimStrategy.TRUST_WEIGHTED,
        1.0,
        trace -> trace.contains("finish COMPLETED") && trace.contains("replan before wave 3"));
  }

  @Test
  void faultyTrustWeightedReleaseRollsBackTheSameWayInBothBodies() throws Exception {
    crossCheck(
        SimStrategy.TRUST_WEIGHTED,
        1.0,
        trace -> trace.contains("finish ROLLED_BACK") && trace.contains("replan before wave 2"));
  }

  @Test
  void heldReleaseResumedByAnOperatorMatches() throws Exception {
    crossCheck(SimStrategy.WAVES, 1.0, trace -> trace.contains("operator resume"));
  }

  @Test
  void allAtOnceReleaseMatches() throws Exception {
    crossCheck(SimStrategy.ALL_AT_ONCE, 10.0, trace -> trace.contains("finish"));
  }

  /**
   * Finds the first seeded release whose simulated trace shows {@code wanted}, runs it through the
   * workflow as well, and compares the traces.
   */
  private static void crossCheck(SimStrategy strategy, double magnitude, Predicate<String> wanted)
      throws Exception {
    for (int index = 0; index < 200; index++) {
      ReleaseCase release = world.release(index, 0.0, magnitude);
      DecisionTrace simulated = new DecisionTrace();
      new Simulator(world).run(release, strategy, simulated);
      if (!wanted.test(simulated.toString())) {
        continue;
      }
      List<String> workflow = runWorkflow(strategy, release);
      assertThat(workflow).containsExactlyElementsOf(simulated.steps());
      return;
    }
    throw new AssertionError("no seeded release of " + strategy + " showed the wanted decisions");
  }

  private static List<String> runWorkflow(SimStrategy strategy, ReleaseCase release)
      throws Exception {
    String releaseId = strategy.wireName() + "-" + release.index() + "-" + release.seed();
    DecisionTrace trace = new DecisionTrace();
    ReleaseRun run = new ReleaseRun(world, release, strategy);
    activities.register(releaseId, run, trace);
    ReleaseSpec spec =
        new ReleaseSpec(
            releaseId,
            SCENARIO.fleet().service(),
            "2.0.0",
            strategy.releaseStrategy().orElseThrow(),
            TargetSelector.all(),
            run.policy(),
            "cross-check");
    WorkflowClient client = env.getWorkflowClient();
    ReleaseWorkflow stub =
        client.newWorkflowStub(
            ReleaseWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(spec.workflowId())
                .setTaskQueue(QUEUE)
                .build());
    WorkflowClient.start(
        stub::run,
        spec,
        io.waveguard.workflows.release.ReleaseRun.first(
            io.waveguard.workflows.release.ReleaseRun.DEFAULT_MAX_HISTORY_EVENTS));
    // Time moves only when this loop says so: waiting on the result instead would let the test
    // server skip straight to the run timeout while the release waits for an operator.
    Duration delay = Duration.ofSeconds((long) (SCENARIO.operator().resumeAfterMinutes() * 60));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    ReleaseState state = stub.state();
    while (!state.status().isFinal()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("release " + releaseId + " did not finish: " + state);
      }
      if (state.waitingFor() != null && state.waitingFor().startsWith("operator resume")) {
        // The simulated operator: resumes after the same delay the simulator charges.
        trace.resumed(state.currentWave());
        env.sleep(delay);
        stub.resume(OPERATOR);
      } else {
        env.sleep(Duration.ofMinutes(1));
      }
      state = stub.state();
    }
    ReleaseState done = WorkflowStub.fromTyped(stub).getResult(ReleaseState.class);
    trace.finished(done.status());
    return trace.steps();
  }
}
