package io.waveguard.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.api.support.Api;
import io.waveguard.api.support.Api.Answer;
import io.waveguard.api.support.TestApp;
import io.waveguard.api.support.TestTokens;
import io.waveguard.simulatedfleet.FleetTargets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every role against every endpoint, and anonymous callers too: the status each cell answers.
 * Writes send a body that fails validation, so a call the role may make answers 400 (it got past
 * authentication and the role check) and changes nothing; reads answer 200.
 */
class AccessControlTest {

  private static final String SERVICE = "acl-svc";
  private static final String RELEASE = "acl-release-1";
  private static final String TARGET = SERVICE + "-cell-001";

  /** A role, or anonymous (null). */
  private static final List<Role> CALLERS = new ArrayList<>();

  static {
    CALLERS.add(null);
    CALLERS.addAll(List.of(Role.values()));
  }

  private static final Map<Role, Api> AS = new EnumMap<>(Role.class);
  private static Api admin;

  /** One endpoint: method, path as the contract writes it, the request, who may call it. */
  private record Endpoint(
      String method, String template, String path, String body, int allowed, Set<Role> roles) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private static final Set<Role> READERS =
      Set.of(Role.VIEWER, Role.RELEASER, Role.OPERATOR, Role.ADMIN);

  private static final List<Endpoint> ENDPOINTS = endpoints();

  private static List<Endpoint> endpoints() {
    List<Endpoint> all = new ArrayList<>();
    all.add(get("/api/v1/releases", "/api/v1/releases"));
    all.add(get("/api/v1/releases/{releaseId}", "/api/v1/releases/" + RELEASE));
    all.add(get("/api/v1/releases/{releaseId}/audit", "/api/v1/releases/" + RELEASE + "/audit"));
    all.add(
        new Endpoint(
            "POST",
            "/api/v1/releases",
            "/api/v1/releases",
            "{}",
            400,
            Set.of(Role.RELEASER, Role.ADMIN)));
    for (String action : List.of("pause", "resume", "approve", "abort", "retry-rollback")) {
      all.add(
          new Endpoint(
              "POST",
              "/api/v1/releases/{releaseId}/{action}",
              "/api/v1/releases/" + RELEASE + "/" + action,
              "{}",
              400,
              Set.of(Role.OPERATOR, Role.ADMIN)));
    }
    all.add(
        new Endpoint(
            "POST",
            "/api/v1/plans",
            "/api/v1/plans",
            "{}",
            400,
            Set.of(Role.RELEASER, Role.ADMIN)));
    all.add(get("/api/v1/calendar", "/api/v1/calendar"));
    all.add(get("/api/v1/targets", "/api/v1/targets?service=" + SERVICE));
    all.add(get("/api/v1/targets/{id}", "/api/v1/targets/" + TARGET));
    all.add(get("/api/v1/targets/{id}/trust", "/api/v1/targets/" + TARGET + "/trust"));
    all.add(
        new Endpoint(
            "PUT",
            "/api/v1/targets/{id}",
            "/api/v1/targets/" + TARGET,
            "{}",
            400,
            Set.of(Role.ADMIN)));
    all.add(
        new Endpoint(
            "POST",
            "/api/v1/telemetry",
            "/api/v1/telemetry",
            "{}",
            400,
            Set.of(Role.INGEST, Role.ADMIN)));
    return all;
  }

  private static Endpoint get(String template, String path) {
    return new Endpoint("GET", template, path, null, 200, READERS);
  }

  @BeforeAll
  static void tokensForEveryRoleAndARelease() {
    TestApp app = TestApp.get();
    admin = app.api();
    for (Role role : Role.values()) {
      AS.put(
          role,
          admin.withToken(TestTokens.create("acl-" + role.wireName(), role, null, null).token()));
    }
    app.jdbi()
        .useExtension(
            TargetDao.class, dao -> FleetTargets.generate(SERVICE, 6, 3).forEach(dao::upsert));
    Answer started =
        admin.post(
            "/api/v1/releases",
            """
            {"releaseId": "%s", "service": "%s", "version": "1.0.0", "strategy": "waves",
             "policy": {"bakeSeconds": 3600}}"""
                .formatted(RELEASE, SERVICE));
    assertThat(started.status()).as(started.raw()).isEqualTo(202);
  }

  static Stream<Arguments> cells() {
    return ENDPOINTS.stream()
        .flatMap(
            endpoint ->
                CALLERS.stream()
                    .map(
                        role ->
                            Arguments.of(
                                endpoint,
                                role == null ? "anonymous" : role.wireName(),
                                expected(endpoint, role))));
  }

  private static int expected(Endpoint endpoint, Role role) {
    if (role == null) {
      return 401;
    }
    return endpoint.roles().contains(role) ? endpoint.allowed() : 403;
  }

  @ParameterizedTest(name = "{0} as {1} -> {2}")
  @MethodSource("cells")
  void everyRoleGetsItsStatusOnEveryEndpoint(Endpoint endpoint, String caller, int expected) {
    Api api = caller.equals("anonymous") ? admin.anonymous() : AS.get(role(caller));

    Answer answer =
        endpoint.body() == null
            ? api.get(endpoint.path())
            : endpoint.method().equals("PUT")
                ? api.put(endpoint.path(), endpoint.body())
                : api.post(endpoint.path(), endpoint.body());

    assertThat(answer.status()).as(answer.raw()).isEqualTo(expected);
    if (expected == 401) {
      assertThat(answer.text("error")).isEqualTo("unauthorized");
      assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer realm=\"waveguard\"");
    }
    if (expected == 403) {
      assertThat(answer.text("error")).isEqualTo("forbidden");
      assertThat(answer.text("message")).contains(caller);
    }
  }

  @Test
  void theContractIsPublicAndEveryOtherOperationIsInTheTable() {
    Answer contract = admin.anonymous().get("/api/v1/openapi.json");

    assertThat(contract.status()).isEqualTo(200);
    Set<String> documented = new HashSet<>();
    Iterator<Map.Entry<String, JsonNode>> paths = contract.body().get("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue()
          .fieldNames()
          .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey()));
    }
    Set<String> tabled = new HashSet<>();
    ENDPOINTS.forEach(e -> tabled.add(e.method() + " " + e.template()));
    tabled.add("GET /api/v1/openapi.json");
    assertThat(tabled).isEqualTo(documented);
    assertThat(contract.body().at("/components/securitySchemes/bearer/scheme").asText())
        .isEqualTo("bearer");
    assertThat(contract.body().at("/paths/~1api~1v1~1openapi.json/get/security")).isEmpty();
  }

  @Test
  void theAdminPortNeedsNoToken() {
    TestApp app = TestApp.get();

    assertThat(admin.anonymous().admin(app.adminPort(), "/healthcheck").status()).isEqualTo(200);
  }

  private static Role role(String wireName) {
    return Role.fromWireName(wireName).orElseThrow();
  }
}
