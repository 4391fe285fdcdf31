package io.waveguard.api.operatorcli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * Where the CLI runs: its streams, environment and whether stdout is a terminal; tests pass their
 * own.
 *
 * @param console whether stdout is a terminal when neither --tty nor --no-tty says
 */
record CliContext(
    PrintStream out, PrintStream err, InputStream in, Map<String, String> env, boolean console) {

  static CliContext system() {
    return new CliContext(
        System.out, System.err, System.in, System.getenv(), System.console() != null);
  }

  String env(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value;
  }
}
