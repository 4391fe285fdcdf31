package io.waveguard.api.cli;

import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.logging.common.ConsoleAppenderFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.waveguard.activities.db.ApiTokenRow;
import io.waveguard.activities.db.Database;
import io.waveguard.api.auth.ApiTokens;
import io.waveguard.api.auth.Role;
import io.waveguard.api.config.WaveguardConfiguration;
import io.waveguard.api.wiring.Storage;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

/**
 * {@code token create|list|revoke [config.yml]}: API tokens in the server's PostgreSQL (from the
 * configuration file, default {@value #DEFAULT_CONFIG}). {@code create} prints the token once, on
 * standard output alone, so {@code TOKEN=$(./waveguard token create ...)} works; only its hash is
 * stored. Migrates the schema first, like {@code server} does.
 */
public final class TokenCommand extends ConfiguredCommand<WaveguardConfiguration> {

  static final String DEFAULT_CONFIG = "api/config/waveguard.yml";

  private static final String TASK = "task";

  private static final Pattern EXPIRY = Pattern.compile("(\\d{1,6})([dhm])");

  private final PrintStream out;
  private final PrintStream err;

  public TokenCommand() {
    this(System.out, System.err);
  }

  TokenCommand(PrintStream out, PrintStream err) {
    super("token", "API tokens: create, list, revoke");
    this.out = out;
    this.err = err;
  }

  @Override
  public void configure(Subparser subparser) {
    Subparsers tasks = subparser.addSubparsers().dest(TASK).metavar("TASK");
    Subparser create = tasks.addParser("create").help("Issue a token and print it once");
    create.addArgument("--name").required(true).help("who holds it; recorded as the operator");
    create
        .addArgument("--role")
        .required(true)
        .choices(Arrays.stream(Role.values()).map(Role::wireName).toList())
        .help("what it may do");
    create.addArgument("--services").help("comma-separated services it may act on (default: all)");
    create.addArgument("--expires").help("lifetime: 90d, 12h or 30m (default: never)");
    withConfig(create);
    withConfig(tasks.addParser("list").help("Every token, without its secret"));
    Subparser revoke = tasks.addParser("revoke").help("Revoke a token by id or name");
    revoke.addArgument("token").metavar("ID|NAME").help("the token's id or name");
    withConfig(revoke);
  }

  private void withConfig(Subparser task) {
    addFileArgument(task).setDefault(DEFAULT_CONFIG);
  }

  @Override
  protected void run(
      Bootstrap<WaveguardConfiguration> bootstrap,
      Namespace namespace,
      WaveguardConfiguration configuration)
      throws Exception {
    logToStandardError(bootstrap, configuration);
    ManagedDataSource dataSource =
        configuration.getDatabase().build(bootstrap.getMetricRegistry(), "token");
    try {
      Storage.migrate(configuration, dataSource);
      ApiTokens tokens = new ApiTokens(Database.jdbi(dataSource), Clock.systemUTC());
      switch (namespace.getString(TASK)) {
        case "create" -> create(tokens, namespace);
        case "list" -> list(tokens.list());
        case "revoke" -> revoke(tokens, namespace.getString("token"));
        default -> throw new IllegalArgumentException("unknown token task");
      }
    } finally {
      dataSource.stop();
    }
  }

  /** Standard output carries the token alone, so log lines go to standard error. */
  private static void logToStandardError(
      Bootstrap<WaveguardConfiguration> bootstrap, WaveguardConfiguration configuration) {
    if (configuration.getLoggingFactory() instanceof DefaultLoggingFactory logging) {
      logging.getAppenders().stream()
          .filter(ConsoleAppenderFactory.class::isInstance)
          .map(ConsoleAppenderFactory.class::cast)
          .forEach(console -> console.setTarget(ConsoleAppenderFactory.ConsoleStream.STDERR));
      logging.configure(bootstrap.getMetricRegistry(), bootstrap.getApplication().getName());
    }
  }

  private void create(ApiTokens tokens, Namespace namespace) {
    Role role = Role.fromWireName(namespace.getString("role")).orElseThrow();
    Set<String> services = services(namespace.getString("services"));
    Instant expires = expiry(namespace.getString("expires"), Instant.now());
    ApiTokens.Issued issued = tokens.create(namespace.getString("name"), role, services, expires);
    err.printf(
        "token %d %s: role %s, services %s, %s; shown once, keep it secret%n",
        issued.id(),
        issued.name(),
        role.wireName(),
        services == null ? "all" : String.join(",", services),
        expires == null ? "never expires" : "expires " + expires);
    out.println(issued.token());
  }

  private void list(List<ApiTokenRow> rows) {
    out.printf(
        "%-5s %-24s %-9s %-24s %-12s %-20s %-20s %s%n",
        "ID", "NAME", "ROLE", "SERVICES", "PREFIX", "CREATED", "EXPIRES", "STATE");
    Instant now = Instant.now();
    for (ApiTokenRow row : rows) {
      out.printf(
          "%-5d %-24s %-9s %-24s %-12s %-20s %-20s %s%n",
          row.id(),
          row.name(),
          row.role(),
          row.services() == null ? "all" : String.join(",", row.services()),
          row.prefix(),
          minutes(row.createdAt()),
          row.expiresAt() == null ? "never" : minutes(row.expiresAt()),
          row.revokedAt() != null ? "revoked" : row.isLive(now) ? "live" : "expired");
    }
  }

  private void revoke(ApiTokens tokens, String idOrName) {
    if (!tokens.revoke(idOrName)) {
      throw new IllegalArgumentException("no live token with id or name '" + idOrName + "'");
    }
    out.println("revoked " + idOrName + "; running servers refuse it within auth.cacheTtl");
  }

  private static String minutes(Instant at) {
    return at.truncatedTo(ChronoUnit.MINUTES).toString();
  }

  /** Null (every service) when not given. */
  static Set<String> services(String raw) {
    if (raw == null) {
      return null;
    }
    Set<String> names =
        Arrays.stream(raw.split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toCollection(LinkedHashSet::new));
    if (names.isEmpty()) {
      throw new IllegalArgumentException("--services: name at least one service");
    }
    return names;
  }

  /** Null (never) when not given. */
  static Instant expiry(String raw, Instant now) {
    if (raw == null) {
      return null;
    }
    Matcher m = EXPIRY.matcher(raw.strip());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new IllegalArgumentException("--expires: a lifetime such as 90d, 12h or 30m");
    }
    long n = Long.parseLong(m.group(1));
    Duration lifetime =
        switch (m.group(2)) {
          case "d" -> Duration.ofDays(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofMinutes(n);
        };
    return now.plus(lifetime);
  }
}
