package io.waveguard.api.operatorcli;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code waveguard release <command>}: the operator's command line over the JSON API. Parses the
 * command line, runs one {@link ReleaseCommands} command and turns what went wrong into one line
 * and an {@link ExitCodes exit code}, never a stack trace.
 */
public final class OperatorCli {

  static final String DEFAULT_URL = "http://localhost:8080";

  static final Set<String> GLOBAL_VALUED = Set.of("url", "token", "output");
  static final Set<String> GLOBAL_SWITCHES = Set.of("tty", "no-tty", "no-color", "help");

  static final String USAGE =
      """
      usage: waveguard release <command> [options]

        start    --service S --version V --strategy S [--file body.json] [selector/policy flags] [--watch]
        plan     the same flags as start: the dry run as a table, starts nothing
        list     [--service S] [--status S] [--limit N] [--cursor C] [--all]
        show     <id>
        watch    <id> [--interval SECONDS] [--timeout SECONDS]
        pause | resume | approve | abort | retry-rollback   <id> --reason TEXT [--operator NAME]
        audit    <id> [--limit N] [--cursor C] [--all]

      selector: --segment S, --tier T, --label K=V (repeatable); policy: --policy policy.json,
        --gate sequential|per-wave, --alpha A, --tolerance TIER=RATIO, --gate-period S, --min-bake S,
        --max-bake S, --bake S, --max-bake-extensions N, --first-wave-percent P, --wave-growth F,
        --approval-tier T, --when-targets-held refuse|wait, --id RELEASE_ID
      global: --url URL (or WAVEGUARD_URL, default http://localhost:8080), --token T (or
        WAVEGUARD_TOKEN), --output text|json, --tty | --no-tty, --no-color
      exit codes: 0 ok / COMPLETED, 1 API error, 2 usage, 3 ROLLED_BACK, 4 ABORTED, 5 FAILED,
        6 ROLLBACK_INCOMPLETE, 7 watch --timeout passed (docs/cli.md)
      """;

  private OperatorCli() {}

  /** Whether these arguments are for the operator CLI rather than a Dropwizard command. */
  public static boolean handles(String[] args) {
    return args.length > 0 && args[0].equals("release");
  }

  /** Runs {@code release ...} on the process's streams; returns the exit code. */
  public static int main(String[] args) {
    return run(List.of(args).subList(1, args.length), CliContext.system());
  }

  /** Runs the arguments after {@code release}; returns the exit code. */
  static int run(List<String> args, CliContext context) {
    try {
      int at = commandIndex(args);
      String command = at < 0 ? null : args.get(at);
      if (command == null || command.equals("help")) {
        if (args.contains("--help") || command != null) {
          context.out().print(USAGE);
          return ExitCodes.OK;
        }
        throw new UsageException("missing command");
      }
      List<String> rest = new ArrayList<>(args);
      rest.remove(at);
      Set<String> valued = new HashSet<>(GLOBAL_VALUED);
      Set<String> switches = new HashSet<>(GLOBAL_SWITCHES);
      ReleaseCommands.options(command, valued, switches);
      CliArgs parsed = CliArgs.parse(rest, valued, switches);
      if (parsed.has("help")) {
        context.out().print(USAGE);
        return ExitCodes.OK;
      }
      return new ReleaseCommands(context, client(parsed, context), parsed).run(command);
    } catch (UsageException e) {
      context.err().println("waveguard release: " + e.getMessage());
      context.err().print(USAGE);
      return ExitCodes.USAGE;
    } catch (ApiFailure e) {
      context.err().println(e.getMessage());
      return ExitCodes.API_ERROR;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.API_ERROR;
    }
  }

  /** The first argument that is neither an option nor a global option's value. */
  private static int commandIndex(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        return i;
      }
      if (!arg.contains("=") && GLOBAL_VALUED.contains(arg.substring(2))) {
        i++;
      }
    }
    return -1;
  }

  private static WaveguardClient client(CliArgs args, CliContext context) {
    String url = args.value("url", context.env("WAVEGUARD_URL"));
    URI base;
    try {
      base = URI.create(url == null ? DEFAULT_URL : url);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--url " + url + " is not a URL");
    }
    if (base.getScheme() == null
        || !(base.getScheme().equals("http") || base.getScheme().equals("https"))
        || base.getHost() == null) {
      throw new UsageException("--url must be an http(s) URL such as " + DEFAULT_URL);
    }
    return new WaveguardClient(base, args.value("token", context.env("WAVEGUARD_TOKEN")));
  }

  /** A release id as one path segment; the API answers 404 for ids it cannot hold anyway. */
  static String segment(String releaseId) {
    return URLEncoder.encode(releaseId, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
