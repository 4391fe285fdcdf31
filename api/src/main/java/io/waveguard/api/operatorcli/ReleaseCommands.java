package io.waveguard.api.operatorcli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The release commands, each one API call (or one per page), printed as text or as the JSON. */
final class ReleaseCommands {

  private static final List<String> OPERATOR_ACTIONS =
      List.of("pause", "resume", "approve", "abort", "retry-rollback");

  private static final Set<String> WATCH_OPTIONS = Set.of("interval", "timeout");

  private final CliContext context;
  private final WaveguardClient client;
  private final CliArgs args;
  private final PrintStream out;
  private final boolean json;

  ReleaseCommands(CliContext context, WaveguardClient client, CliArgs args) {
    this.context = context;
    this.client = client;
    this.args = args;
    this.out = context.out();
    String output = args.value("output", "text");
    if (!output.equals("text") && !output.equals("json")) {
      throw new UsageException("--output is text or json, not '" + output + "'");
    }
    this.json = output.equals("json");
  }

  /** Adds the options {@code command} accepts; an unknown command is a usage error. */
  static void options(String command, Set<String> valued, Set<String> switches) {
    switch (command) {
      case "start" -> {
        valued.addAll(ReleaseRequests.OPTIONS);
        valued.addAll(WATCH_OPTIONS);
        switches.add("watch");
      }
      case "plan" -> {
        valued.addAll(ReleaseRequests.OPTIONS);
        valued.add("limit");
      }
      case "list" -> {
        valued.addAll(Set.of("service", "status", "limit", "cursor"));
        switches.add("all");
      }
      case "audit" -> {
        valued.addAll(Set.of("limit", "cursor"));
        switches.add("all");
      }
      case "show" -> {}
      case "watch" -> valued.addAll(WATCH_OPTIONS);
      default -> {
        if (!OPERATOR_ACTIONS.contains(command)) {
          throw new UsageException("unknown command '" + command + "'");
        }
        valued.addAll(Set.of("reason", "operator"));
      }
    }
  }

  int run(String command) throws InterruptedException {
    return switch (command) {
      case "start" -> start();
      case "plan" -> plan();
      case "list" -> list();
      case "show" -> show();
      case "watch" -> watch(args.single("release id"));
      case "audit" -> audit();
      default -> command(command);
    };
  }

  private int start() throws InterruptedException {
    args.noPositionals();
    ObjectNode body = ReleaseRequests.body(args, context.in());
    JsonNode view = client.post("/api/v1/releases", Map.of(), body, "start releases").body();
    String id = view.path("releaseId").asText();
    if (json) {
      print(view);
    } else {
      out.printf(
          "started %s: %s %s via %s, %s%n",
          id,
          view.path("service").asText(),
          view.path("version").asText(),
          view.path("strategy").asText(),
          view.path("status").asText());
      out.printf("follow it: waveguard release watch %s%n", id);
    }
    return args.has("watch") ? watch(id) : ExitCodes.OK;
  }

  private int plan() {
    args.noPositionals();
    ObjectNode body = ReleaseRequests.body(args, context.in());
    Map<String, String> query = new LinkedHashMap<>();
    query.put("limit", args.value("limit"));
    JsonNode first = client.post("/api/v1/plans", query, body, "ask for plans").body();
    ArrayNode placements = ((ObjectNode) first).withArray("placements");
    String cursor = first.path("nextCursor").isTextual() ? first.path("nextCursor").asText() : null;
    // Every page carries all the waves; the placements come a page at a time.
    while (cursor != null) {
      query.put("cursor", cursor);
      JsonNode page = client.post("/api/v1/plans", query, body, "ask for plans").body();
      placements.addAll((ArrayNode) page.path("placements"));
      cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
    }
    ((ObjectNode) first).putNull("nextCursor");
    if (json) {
      print(first);
    } else {
      PlanTable.print(first, out);
    }
    return ExitCodes.OK;
  }

  private int list() {
    args.noPositionals();
    Map<String, String> query = new LinkedHashMap<>();
    query.put("service", args.value("service"));
    query.put("status", args.value("status"));
    query.put("limit", args.value("limit"));
    query.put("cursor", args.value("cursor"));
    return pages("/api/v1/releases", query, "releases", "list releases", ReleaseText.listTable());
  }

  private int audit() {
    String id = args.single("release id");
    Map<String, String> query = new LinkedHashMap<>();
    query.put("limit", args.value("limit"));
    query.put("cursor", args.value("cursor"));
    return pages(
        "/api/v1/releases/" + OperatorCli.segment(id) + "/audit",
        query,
        "entries",
        "read audit logs",
        ReleaseText.auditTable());
  }

  /** One page, or with --all every page merged into one answer. */
  private int pages(
      String path, Map<String, String> query, String items, String doing, Table table) {
    JsonNode first = client.get(path, query, doing).body();
    String next = cursorOf(first);
    while (args.has("all") && next != null) {
      query.put("cursor", next);
      JsonNode page = client.get(path, query, doing).body();
      ((ObjectNode) first).withArray(items).addAll((ArrayNode) page.path(items));
      next = cursorOf(page);
      ((ObjectNode) first).put("nextCursor", next);
    }
    if (json) {
      print(first);
      return ExitCodes.OK;
    }
    if (items.equals("releases")) {
      ReleaseText.list(first, table);
    } else {
      ReleaseText.audit(first, table);
    }
    if (table.isEmpty()) {
      out.println("(none)");
    } else {
      table.print(out);
    }
    if (next != null) {
      out.printf("more: --cursor %s (or --all)%n", next);
    }
    return ExitCodes.OK;
  }

  private int show() {
    String id = args.single("release id");
    JsonNode view =
        client.get("/api/v1/releases/" + OperatorCli.segment(id), Map.of(), "read releases").body();
    if (json) {
      print(view);
    } else {
      ReleaseText.show(view, out);
    }
    return ExitCodes.OK;
  }

  private int command(String action) {
    String id = args.single("release id");
    String reason = args.value("reason");
    if (reason == null || reason.isBlank()) {
      throw new UsageException(action + " needs --reason TEXT (it goes into the audit log)");
    }
    // The API records the token's identity as the operator; a name given here is only a note.
    String operator = args.value("operator", context.env("WAVEGUARD_OPERATOR"));
    ObjectNode body = WaveguardClient.JSON.createObjectNode();
    if (operator != null) {
      body.put("operator", operator);
    }
    body.put("reason", reason);
    WaveguardClient.Answer answer =
        client.post(
            "/api/v1/releases/" + OperatorCli.segment(id) + "/" + action,
            Map.of(),
            body,
            action + " releases");
    if (json) {
      print(answer.body());
    } else if (answer.status() == 202) {
      out.printf("%s %s queued: %s%n", action, id, answer.body().path("message").asText());
    } else {
      ReleaseSnapshot s = ReleaseSnapshot.of(answer.body());
      out.printf("%s %s: now %s (%s)%n", action, id, s.status(), Waiting.describe(s));
    }
    return ExitCodes.OK;
  }

  private int watch(String id) throws InterruptedException {
    Double interval = args.number("interval");
    Long timeout = args.whole("timeout");
    if (interval != null && (interval < 0.1 || interval > 3600)) {
      throw new UsageException("--interval is seconds between 0.1 and 3600");
    }
    boolean tty = args.has("tty") || (!args.has("no-tty") && context.console());
    boolean color = tty && !args.has("no-color") && context.env("NO_COLOR") == null;
    Watcher.Mode mode = json ? Watcher.Mode.JSON : tty ? Watcher.Mode.TTY : Watcher.Mode.PLAIN;
    Watcher watcher =
        new Watcher(
            client,
            out,
            mode,
            new WatchScreen(new Ansi(color), columns()),
            Duration.ofMillis(Math.round((interval == null ? 1.0 : interval) * 1000)),
            timeout == null ? null : Duration.ofSeconds(timeout));
    return watcher.watch(id);
  }

  private int columns() {
    try {
      String columns = context.env("COLUMNS");
      return columns == null ? 120 : Integer.parseInt(columns.strip());
    } catch (NumberFormatException e) {
      return 120;
    }
  }

  private void print(JsonNode node) {
    try {
      out.println(WaveguardClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String cursorOf(JsonNode page) {
    JsonNode cursor = page.path("nextCursor");
    return cursor.isTextual() ? cursor.asText() : null;
  }
}
