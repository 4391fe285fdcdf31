package io.waveguard.api.operatorcli;

/** ANSI colours and cursor movement, or nothing when colour is off. */
final class Ansi {

  static final String RESET = "\033[0m";

  private final boolean on;

  Ansi(boolean on) {
    this.on = on;
  }

  String green(String text) {
    return wrap("\033[32m", text);
  }

  String red(String text) {
    return wrap("\033[31m", text);
  }

  String yellow(String text) {
    return wrap("\033[33m", text);
  }

  String cyan(String text) {
    return wrap("\033[36m", text);
  }

  String bold(String text) {
    return wrap("\033[1m", text);
  }

  String dim(String text) {
    return wrap("\033[2m", text);
  }

  private String wrap(String code, String text) {
    return on ? code + text + RESET : text;
  }

  /** Moves the cursor to the start of the line {@code lines} above. */
  static String up(int lines) {
    return lines <= 0 ? "\r" : "\033[" + lines + "F";
  }

  /** Clears from the cursor to the end of the line. */
  static final String CLEAR_LINE = "\033[K";

  /** Clears from the cursor to the end of the screen. */
  static final String CLEAR_BELOW = "\033[J";

  /** The text without ANSI escapes: its visible length. */
  static String strip(String text) {
    return text.replaceAll("\033\\[[0-9;]*[A-Za-z]", "");
  }
}
