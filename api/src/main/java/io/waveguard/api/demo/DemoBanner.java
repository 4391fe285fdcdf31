package io.waveguard.api.demo;

import io.waveguard.api.auth.Role;
import io.waveguard.api.embedded.EmbeddedPostgresServer;
import io.waveguard.api.embedded.LocalTemporal;
import io.waveguard.api.embedded.WaveguardServer;
import io.waveguard.policy.model.SequentialGatePolicy;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What the demo prints once everything is up: where things are and what to try. */
final class DemoBanner {

  private DemoBanner() {}

  static void print(
      PrintStream out,
      WaveguardServer server,
      LocalTemporal temporal,
      EmbeddedPostgresServer postgres,
      long bakeSeconds,
      Map<Role, String> tokens) {
    String api = "http://127.0.0.1:" + server.port();
    SequentialGatePolicy gate = DemoScenario.policy(bakeSeconds).sequentialGate();
    String text =
        """

        Waveguard demo: everything runs on this machine and stops with Ctrl-C.
          REST API    %1$s/api/v1   (health: http://127.0.0.1:%2$d/healthcheck)
          Temporal    %3$s   namespace default: %10$s
          PostgreSQL  %4$s   user postgres, no password
          Fleet       %5$s

        Every /api/v1 call needs a bearer token; these are this demo's, one per role:
        %11$s
        Try, after  export TOKEN=%12$s  (the admin token):
          curl -s %1$s/api/v1/releases -H "Authorization: Bearer $TOKEN"
          curl -s %1$s/api/v1/releases/%6$s -H "Authorization: Bearer $TOKEN"
          curl -s '%1$s/api/v1/targets?service=payments&tier=safety-critical' \\
            -H "Authorization: Bearer $TOKEN"
          curl -s -X POST %1$s/api/v1/releases -H "Authorization: Bearer $TOKEN" \\
            -H 'Content-Type: application/json' \\
            -d '{"service": "payments", "version": "2.8.0", "strategy": "trust-weighted",
                 "policy": {"gatePeriodSeconds": %7$d, "minBakeSeconds": %8$d, "maxBakeSeconds": %9$d}}'
          curl -s -X POST %1$s/api/v1/releases/<releaseId>/abort -H "Authorization: Bearer $TOKEN" \\
            -H 'Content-Type: application/json' -d '{"reason": "just looking"}'
          curl -s -X POST %1$s/api/v1/plans -H "Authorization: Bearer $TOKEN" \\
            -H 'Content-Type: application/json' \\
            -d '{"service": "payments", "version": "2.7.0", "strategy": "canary"}'
          curl -s '%1$s/api/v1/targets?service=payments&sort=risk&limit=5' \\
            -H "Authorization: Bearer $TOKEN"
          curl -s %1$s/api/v1/targets/payments-cell-001/trust -H "Authorization: Bearer $TOKEN"
          temporal workflow show --workflow-id release-%6$s --address %3$s

        Releases, one after the other, trust-weighted, under the sequential gate: a verdict every
        %7$d s, and each wave moves on as soon as the gate passes after its minimum bake of %8$d s
        (it pauses for a human after %9$d s): a good one, a faulty one (10x errors), and a silent
        one (its targets stop reporting telemetry):
        """
            .formatted(
                api,
                server.adminPort(),
                temporal.target(),
                postgres.jdbcUrl("postgres"),
                describe(DemoScenario.fleet()),
                DemoScenario.GOOD_RELEASE,
                gate.periodSeconds(),
                gate.minBakeSeconds(),
                gate.maxBakeSeconds(),
                temporal.describe(),
                tokenLines(tokens),
                tokens.get(Role.ADMIN));
    out.print(text);
    out.flush();
  }

  /** "token viewer wg_...", one line per role, each ready to paste. */
  private static String tokenLines(Map<Role, String> tokens) {
    return tokens.entrySet().stream()
        .map(e -> "  token %s %s".formatted(e.getKey().wireName(), e.getValue()))
        .collect(Collectors.joining("\n"));
  }

  /** "50 payments targets: 20 low, 20 standard, 8 finance-critical, 2 safety-critical". */
  private static String describe(List<Target> fleet) {
    Map<Tier, Long> perTier = new EnumMap<>(Tier.class);
    fleet.forEach(t -> perTier.merge(t.tier(), 1L, Long::sum));
    return "%d %s targets: %s"
        .formatted(
            fleet.size(),
            DemoScenario.SERVICE,
            perTier.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().wireName())
                .collect(Collectors.joining(", ")));
  }
}
