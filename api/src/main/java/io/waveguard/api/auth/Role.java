package io.waveguard.api.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a caller may do. {@code releaser} and {@code operator} both read, and neither does what the
 * other does; {@code admin} does everything; {@code ingest} only pushes telemetry (an agent's
 * token, useless for anything else when it leaks).
 */
public enum Role {
  /** Reads releases, their audit logs, targets, trust. */
  VIEWER,
  /** Reads; starts releases and dry runs for the services it is scoped to. */
  RELEASER,
  /** Reads; pauses, resumes, approves, aborts and retries rollbacks. */
  OPERATOR,
  /** Pushes telemetry, nothing else. */
  INGEST,
  /** Everything: also registers targets, pushes telemetry, manages tokens. */
  ADMIN;

  /** The names {@code @RolesAllowed} takes: the least role each call needs. */
  public static final class Names {
    public static final String VIEWER = "viewer";
    public static final String RELEASER = "releaser";
    public static final String OPERATOR = "operator";
    public static final String INGEST = "ingest";
    public static final String ADMIN = "admin";

    private Names() {}
  }

  /** As written in tokens, JWT claims and {@code @RolesAllowed}: lower case. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> fromWireName(String name) {
    return Arrays.stream(values()).filter(r -> r.wireName().equals(name)).findFirst();
  }

  /** Whether a caller of this role may make a call that {@code required} may make. */
  public boolean includes(Role required) {
    return switch (this) {
      case ADMIN -> true;
      case RELEASER, OPERATOR -> required == this || required == VIEWER;
      case VIEWER, INGEST -> required == this;
    };
  }
}
