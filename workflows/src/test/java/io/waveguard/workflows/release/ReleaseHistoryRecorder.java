package io.waveguard.workflows.release;

import io.waveguard.workflows.model.GateVerdict;
import io.waveguard.workflows.model.OperatorCommand;
import io.waveguard.workflows.model.ReleasePolicy;
import io.waveguard.workflows.model.Strategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.IntFunction;

/**
 * Records the release histories that {@link ReleaseReplayTest} replays. Run it only when the
 * workflow changed on purpose and the old histories were kept replaying with {@code getVersion}:
 * new files are added next to the old ones, never instead of them.
 *
 * <pre>
 * ./mvnw -q -pl workflows test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp workflows/target/test-classes:workflows/target/classes:$(cat workflows/target/cp.txt) \
 *   io.waveguard.workflows.release.ReleaseHistoryRecorder workflows/src/test/resources/histories
 * </pre>
 */
public final class ReleaseHistoryRecorder {

  private static final ReleasePolicy POLICY = ReleasePolicy.defaults().withBakeSeconds(600);

  private ReleaseHistoryRecorder() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    // Before the trust engine (no getVersion marker): kept as recorded, never re-recorded.
    record(dir, "completed", wave -> GateVerdict.PASS, NO_HOLD, false);
    record(
        dir,
        "rolled-back",
        wave -> wave == 3 ? GateVerdict.FAIL : GateVerdict.PASS,
        NO_HOLD,
        false);
    record(dir, "paused-resumed", wave -> GateVerdict.PASS, NO_HOLD, true);
    // trust-engine version 1: re-planning between waves and outcome feedback.
    record(dir, "trust-completed", wave -> GateVerdict.PASS, NO_HOLD, false);
    record(
        dir,
        "trust-rolled-back",
        wave -> wave == 3 ? GateVerdict.FAIL : GateVerdict.PASS,
        NO_HOLD,
        false);
    record(
        dir,
        "trust-tier-hold",
        wave -> GateVerdict.PASS,
        wave -> wave == 4 ? "cohort trust 0.41 below the finance-critical threshold 0.7" : null,
        true);
    System.exit(0);
  }

  private static final IntFunction<String> NO_HOLD = wave -> null;

  private static void record(
      Path dir,
      String name,
      IntFunction<GateVerdict> verdicts,
      IntFunction<String> holds,
      boolean operator)
      throws IOException {
    Path file = dir.resolve(name + ".json");
    if (Files.exists(file)) {
      System.out.println("kept " + file + " (histories are never re-recorded)");
      return;
    }
    InMemoryReleaseActivities activities =
        new InMemoryReleaseActivities(InMemoryReleaseActivities.Fleet.ofTiers(5))
            .gateVerdicts(verdicts)
            .replanHolds(holds);
    try (ReleaseTestEnvironment temporal = new ReleaseTestEnvironment().start(activities)) {
      ReleaseWorkflow release =
          temporal.startRelease(ReleaseTestEnvironment.spec(name, Strategy.TRUST_WEIGHTED, POLICY));
      if (operator) {
        temporal.env.sleep(Duration.ofSeconds(60));
        release.pause(new OperatorCommand("alice", "investigating a dashboard"));
        temporal.env.sleep(Duration.ofHours(1));
        release.resume(new OperatorCommand("alice", "dashboard was stale"));
        // A release held at a tier entry waits for a second resume.
        temporal.env.sleep(Duration.ofHours(6));
        if (release.state().status() == io.waveguard.workflows.model.ReleaseStatus.PAUSED) {
          release.resume(new OperatorCommand("alice", "cohort reviewed by hand"));
        }
      }
      String workflowId = "release-" + name;
      temporal.client().newUntypedWorkflowStub(workflowId).getResult(ReleaseState.class);
      String json = temporal.client().fetchHistory(workflowId).toJson(true);
      Files.writeString(file, json);
    }
  }
}
