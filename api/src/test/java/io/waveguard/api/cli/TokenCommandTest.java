package io.waveguard.api.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waveguard.api.WaveguardApplication;
import io.waveguard.api.support.TestDependencies;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code token create|list|revoke config.yml} against a database of its own. */
class TokenCommandTest {

  @TempDir static Path dir;

  private static Path config;

  @BeforeAll
  static void database() throws Exception {
    TestDependencies deps = TestDependencies.get();
    try (Connection c = deps.postgres().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE token_cli");
    }
    config = dir.resolve("waveguard.yml");
    Files.writeString(
        config,
        """
        database:
          url: %s
          user: postgres
          password: postgres
        logging:
          level: WARN
        """
            .formatted(deps.jdbcUrl("token_cli")));
  }

  /** Runs the command and answers what it printed on standard output. */
  private static String run(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      new WaveguardApplication() {
        @Override
        protected void onFatalError(Throwable t) {
          throw new IllegalStateException("token command failed", t);
        }
      }.run(args);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      System.setOut(original);
    }
    return printed.toString(StandardCharsets.UTF_8);
  }

  private static String row(String list, String name) {
    return list.lines().filter(l -> l.contains(" " + name + " ")).findFirst().orElseThrow();
  }

  @Test
  void createPrintsTheTokenOnceAndStoresOnlyItsHash() throws Exception {
    String token =
        run(
                "token",
                "create",
                "--name",
                "alice",
                "--role",
                "operator",
                "--services",
                "payments,checkout",
                "--expires",
                "90d",
                config.toString())
            .strip();

    assertThat(token).matches("wg_[A-Za-z0-9_-]{43}");
    String list = run("token", "list", config.toString());
    String alice = row(list, "alice");
    assertThat(alice)
        .contains("operator")
        .contains("checkout,payments")
        .contains(token.substring(0, 11))
        .contains("live")
        .doesNotContain(token);
    try (Connection c =
            TestDependencies.get().postgres().getDatabase("postgres", "token_cli").getConnection();
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery("SELECT expires_at, hash FROM api_tokens WHERE name = 'alice'")) {
      assertThat(rows.next()).isTrue();
      Instant expires = rows.getTimestamp(1).toInstant();
      assertThat(Duration.between(Instant.now(), expires).toDays()).isBetween(89L, 90L);
      assertThat(new String(rows.getBytes(2), StandardCharsets.ISO_8859_1)).doesNotContain(token);
    }
  }

  @Test
  void revokeByNameOrIdMarksTheTokenRevoked() {
    run("token", "create", "--name", "bob", "--role", "viewer", config.toString());
    run("token", "create", "--name", "eve", "--role", "admin", config.toString());
    String id = row(run("token", "list", config.toString()), "eve").split("\\s+")[0];

    run("token", "revoke", "bob", config.toString());
    run("token", "revoke", id, config.toString());

    String list = run("token", "list", config.toString());
    assertThat(row(list, "bob")).contains("revoked");
    assertThat(row(list, "eve")).contains("revoked");
  }

  @Test
  void aSecondLiveTokenOfOneNameOrABadLifetimeIsRefused() {
    run("token", "create", "--name", "carol", "--role", "viewer", config.toString());

    assertThatThrownBy(
            () -> run("token", "create", "--name", "carol", "--role", "viewer", config.toString()))
        .hasRootCauseMessage(
            "a live token named 'carol' exists; revoke it first or pick another name");
    assertThatThrownBy(
            () ->
                run(
                    "token",
                    "create",
                    "--name",
                    "dave",
                    "--role",
                    "viewer",
                    "--expires",
                    "soon",
                    config.toString()))
        .hasRootCauseMessage("--expires: a lifetime such as 90d, 12h or 30m");
    assertThatThrownBy(() -> run("token", "revoke", "nobody", config.toString()))
        .hasRootCauseMessage("no live token with id or name 'nobody'");
  }
}
