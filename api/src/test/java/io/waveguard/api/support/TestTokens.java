package io.waveguard.api.support;

import io.waveguard.activities.db.Database;
import io.waveguard.api.auth.ApiTokens;
import io.waveguard.api.auth.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * API tokens in the tests' PostgreSQL, which every test server shares: an admin token every {@link
 * Api} sends unless told otherwise, and tokens of any role for the tests of access control.
 */
public final class TestTokens {

  /** The admin token's name: the operator the audit log records for the tests' commands. */
  public static final String ADMIN_NAME = "test-admin";

  private static String admin;

  private TestTokens() {}

  /** The admin token, issued once per JVM. */
  public static synchronized String admin() {
    if (admin == null) {
      admin = tokens().create(ADMIN_NAME, Role.ADMIN, null, null).token();
    }
    return admin;
  }

  /** A new token of this role, scope and expiry, with a name unique to this JVM's run. */
  public static ApiTokens.Issued create(
      String name, Role role, Set<String> services, Instant expires) {
    return tokens()
        .create(name + "-" + UUID.randomUUID().toString().substring(0, 8), role, services, expires);
  }

  /** Issues and revokes tokens directly in the database, as {@code waveguard token} does. */
  public static ApiTokens tokens() {
    var postgres = TestDependencies.get().postgres().getPostgresDatabase();
    // The schema may not exist yet when no server has started in this JVM.
    Database.migrate(postgres);
    return new ApiTokens(Database.jdbi(postgres), Clock.systemUTC());
  }
}
