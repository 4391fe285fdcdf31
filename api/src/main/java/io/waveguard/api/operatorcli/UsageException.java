package io.waveguard.api.operatorcli;

/** The command line itself is wrong: the CLI prints the message and the usage, and exits 2. */
final class UsageException extends RuntimeException {

  UsageException(String message) {
    super(message);
  }
}
