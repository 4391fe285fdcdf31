package io.waveguard.api.operatorcli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's arguments: positionals, and {@code --name value}, {@code --name=value} or bare
 * switches. Only the options a command declares are accepted, so a typo is a usage error rather
 * than a flag silently ignored.
 */
final class CliArgs {

  private final List<String> positionals = new ArrayList<>();
  private final Map<String, List<String>> options = new LinkedHashMap<>();

  private CliArgs() {}

  /**
   * @param valued options that take a value (repeatable)
   * @param switches options that take none
   */
  static CliArgs parse(List<String> args, Set<String> valued, Set<String> switches) {
    CliArgs parsed = new CliArgs();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--")) {
        parsed.positionals.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (!arg.startsWith("--") || arg.length() == 2) {
        parsed.positionals.add(arg);
        continue;
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
      if (switches.contains(name)) {
        if (eq >= 0) {
          throw new UsageException("--" + name + " takes no value");
        }
        parsed.options.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
      } else if (valued.contains(name)) {
        String value;
        if (eq >= 0) {
          value = arg.substring(eq + 1);
        } else if (i + 1 < args.size()) {
          value = args.get(++i);
        } else {
          throw new UsageException("--" + name + " needs a value");
        }
        parsed.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } else {
        throw new UsageException("unknown option --" + name);
      }
    }
    return parsed;
  }

  List<String> positionals() {
    return positionals;
  }

  boolean has(String name) {
    return options.containsKey(name);
  }

  /** The option's last value, or null. */
  String value(String name) {
    List<String> values = options.get(name);
    return values == null ? null : values.get(values.size() - 1);
  }

  String value(String name, String fallback) {
    String value = value(name);
    return value == null ? fallback : value;
  }

  /** Every value of a repeatable option, comma-separated lists split. */
  List<String> values(String name) {
    List<String> all = new ArrayList<>();
    for (String value : options.getOrDefault(name, List.of())) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          all.add(part.strip());
        }
      }
    }
    return all;
  }

  /** The option as a number, or null when absent. */
  Double number(String name) {
    String value = value(name);
    if (value == null) {
      return null;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a number, not '" + value + "'");
    }
  }

  /** The option as a whole number, or null when absent. */
  Long whole(String name) {
    String value = value(name);
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a whole number, not '" + value + "'");
    }
  }

  /** The only positional: a release id, say. */
  String single(String what) {
    if (positionals.size() != 1) {
      throw new UsageException(
          positionals.isEmpty() ? "missing " + what : "expected one " + what + ", not several");
    }
    return positionals.get(0);
  }

  void noPositionals() {
    if (!positionals.isEmpty()) {
      throw new UsageException("unexpected argument '" + positionals.get(0) + "'");
    }
  }
}
