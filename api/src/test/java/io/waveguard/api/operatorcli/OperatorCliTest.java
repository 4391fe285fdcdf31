package io.waveguard.api.operatorcli;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.activities.db.TargetDao;
import io.waveguard.api.embedded.Ports;
import io.waveguard.api.support.TestApp;
import io.waveguard.api.support.TestTokens;
import io.waveguard.simulatedfleet.FleetTargets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator CLI against the real application (embedded PostgreSQL, Temporal's test server, a
 * worker on simulated telemetry): a watch that follows releases to their end, the plan table, and
 * what an operator sees when the API refuses or cannot be reached.
 */
class OperatorCliTest {

  /** Its own service: these releases hold no other test's targets. */
  private static final String SERVICE = "cli-ops";

  /** Seconds-long sequential bakes on the test app's dense simulated traffic. */
  private static final String FAST_GATE = "--gate-period=1 --min-bake=2 --max-bake=60";

  private static Map<String, String> env;

  @BeforeAll
  static void startAppWithFleet() {
    TestApp app = TestApp.get();
    app.jdbi()
        .useExtension(
            TargetDao.class, dao -> FleetTargets.generate(SERVICE, 6, 23).forEach(dao::upsert));
    env =
        Map.of(
            "WAVEGUARD_URL",
            "http://127.0.0.1:" + app.port(),
            "WAVEGUARD_TOKEN",
            TestTokens.admin(),
            "USER",
            "tester");
  }

  private static CliRun cli(String... args) {
    return CliRun.of(env, false, args);
  }

  private static String[] start(String id, String version) {
    String flags =
        "start --id %s --service %s --version %s --strategy waves --first-wave-percent 20 %s"
            .formatted(id, SERVICE, version, FAST_GATE);
    return flags.split(" ");
  }

  @Test
  void watchFollowsAGoodReleaseToCompletedAndExitsZero() {
    String id = "cli-good-" + UUID.randomUUID().toString().substring(0, 8);
    CliRun started = cli(start(id, "4.0.0"));
    assertThat(started.exitCode()).as(started.err()).isZero();
    assertThat(started.out()).contains("started " + id);

    CliRun watched = cli("watch", id, "--interval", "0.5", "--timeout", "120");

    assertThat(watched.exitCode()).as(watched.out() + watched.err()).isEqualTo(ExitCodes.OK);
    assertThat(watched.out())
        .contains(id + " COMPLETED")
        .contains("PASSED")
        .containsPattern("gate wave \\d+ PASS: bound ≤ [0-9.]+ vs [a-z-]+ tolerance [0-9.]+")
        .doesNotContain("\033[");
    // Plain output prints a line only when something changed: no two consecutive lines repeat.
    String[] lines =
        watched
            .out()
            .lines()
            .map(l -> l.replaceFirst("^\\[[0-9:]+\\] ", ""))
            .toArray(String[]::new);
    for (int i = 1; i < lines.length; i++) {
      assertThat(lines[i]).isNotEqualTo(lines[i - 1]);
    }
    CliRun show = cli("show", id);
    assertThat(show.out()).contains("status     COMPLETED").contains("sequential gate");
    CliRun listed = cli("list", "--service", SERVICE, "--status", "completed");
    assertThat(listed.out()).contains(id).contains("COMPLETED");
  }

  @Test
  void watchOfAFaultyReleaseExitsWithTheRolledBackCode() {
    String id = "cli-faulty-" + UUID.randomUUID().toString().substring(0, 8);
    CliRun started = cli(start(id, "4.1.0-faulty"));
    assertThat(started.exitCode()).as(started.err()).isZero();

    CliRun watched =
        CliRun.of(env, false, "watch", id, "--tty", "--interval", "0.5", "--timeout", "120");

    assertThat(watched.exitCode()).as(watched.out()).isEqualTo(ExitCodes.ROLLED_BACK);
    // --tty redraws in place: each frame after the first moves the cursor up over the last.
    assertThat(watched.out()).contains("\033[").contains("ROLLED_BACK").contains("elapsed ");
    CliRun audit = cli("audit", id, "--all");
    assertThat(audit.exitCode()).isZero();
    assertThat(audit.out()).contains("gate").contains("FAIL");
  }

  @Test
  void operatorCommandsCarryOperatorAndReasonIntoTheAuditLog() {
    String id = "cli-abort-" + UUID.randomUUID().toString().substring(0, 8);
    cli(
        ("start --id %s --service %s --version 4.2.0 --strategy waves --gate-period=60"
                + " --min-bake=600 --max-bake=1200")
            .formatted(id, SERVICE)
            .split(" "));

    CliRun aborted = cli("abort", id, "--reason", "change freeze", "--operator", "carol");
    CliRun watched = cli("watch", id, "--interval", "0.5", "--timeout", "60");
    CliRun audit = cli("audit", id, "--output", "json");

    assertThat(aborted.exitCode()).as(aborted.err()).isZero();
    assertThat(aborted.out()).startsWith("abort " + id);
    assertThat(watched.exitCode()).isEqualTo(ExitCodes.ABORTED);
    // The operator recorded is the token's identity; a name on the command line is only a note.
    assertThat(audit.out())
        .contains("\"operator\" : \"" + TestTokens.ADMIN_NAME + "\"")
        .contains("change freeze");
  }

  @Test
  void planPrintsWavesTiersTrustAndAReasonPerTarget() {
    CliRun plan =
        cli("plan", "--service", SERVICE, "--version", "5.0.0", "--strategy", "trust-weighted");

    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(plan.out())
        .contains("Plan for " + SERVICE + " 5.0.0 (trust-weighted)")
        .contains("6 targets in")
        .containsPattern("WAVE +TARGETS +TIERS +IMPACT +REASON")
        .containsPattern("TARGET +WAVE +TIER +TRUST +IMPACT +RISK +REASON")
        .containsPattern("\\n1 +\\d+ +[a-z-]+×\\d+")
        .contains("tier ");
    assertThat(plan.out().lines().filter(l -> l.startsWith(SERVICE + "-"))).hasSize(6);
  }

  @Test
  void anApiErrorNamesTheFieldAndItsMessage() {
    CliRun bad =
        cli(
            "start",
            "--service",
            SERVICE,
            "--version",
            "1",
            "--strategy",
            "waves",
            "--alpha",
            "0.7");

    assertThat(bad.exitCode()).isEqualTo(ExitCodes.API_ERROR);
    assertThat(bad.err().strip())
        .isEqualTo(
            "Waveguard refused (400 invalid_field): field policy.alpha: policy.alpha must be less"
                + " than 0.5");
    assertThat(cli("show", "no-such-release").err()).contains("404 not_found");
  }

  @Test
  void anUnreachableApiIsOneLine() {
    String url = "http://127.0.0.1:" + Ports.free();

    CliRun down = cli("list", "--url", url);

    assertThat(down.exitCode()).isEqualTo(ExitCodes.API_ERROR);
    assertThat(down.err()).isEqualTo("cannot reach Waveguard at " + url + ": connection refused\n");
    assertThat(down.out()).isEmpty();
  }

  @Test
  void globalOptionsMayComeBeforeTheCommand() {
    CliRun listed = cli("--output", "json", "list", "--service", SERVICE);
    CliRun tokenNamedLikeACommand = cli("--token", "list", "list", "--service", SERVICE);

    assertThat(listed.exitCode()).as(listed.err()).isZero();
    assertThat(listed.out()).startsWith("{").contains("\"releases\"");
    // "list" went as the token (which the API refuses), and the command was the second "list".
    assertThat(tokenNamedLikeACommand.exitCode()).isEqualTo(ExitCodes.API_ERROR);
    assertThat(tokenNamedLikeACommand.err()).startsWith("token refused");
  }

  @Test
  void usageErrorsPrintTheUsageAndExitTwo() {
    CliRun unknown = cli("launch");
    CliRun typo = cli("list", "--servce", "x");
    CliRun noReason = cli("pause", "some-release");

    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).startsWith("waveguard release: unknown command 'launch'\nusage:");
    assertThat(typo.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(typo.err()).startsWith("waveguard release: unknown option --servce");
    assertThat(noReason.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noReason.err()).contains("needs --reason");
  }
}
