package io.waveguard.api.operatorcli;

/**
 * The CLI's exit codes. {@code watch} ends with the release's final status; every other command
 * exits 0 when the API did what was asked.
 */
final class ExitCodes {

  /** Done; for watch: the release COMPLETED. */
  static final int OK = 0;

  /** The API refused the request, answered an error, or could not be reached. */
  static final int API_ERROR = 1;

  /** The command line is wrong: usage printed. */
  static final int USAGE = 2;

  /** watch: a gate failed and the release was rolled back. */
  static final int ROLLED_BACK = 3;

  /** watch: an operator aborted the release. */
  static final int ABORTED = 4;

  /** watch: Waveguard could not finish the release. */
  static final int FAILED = 5;

  /** watch: the rollback left targets on the new build; it waits for retry-rollback. */
  static final int ROLLBACK_INCOMPLETE = 6;

  /** watch: --timeout passed before the release ended. */
  static final int TIMED_OUT = 7;

  private ExitCodes() {}

  /** The exit code of a status at which watch stops, or -1 while the release goes on. */
  static int ofFinal(String status) {
    if (status == null) {
      return -1;
    }
    return switch (status) {
      case "COMPLETED" -> OK;
      case "ROLLED_BACK" -> ROLLED_BACK;
      case "ABORTED" -> ABORTED;
      case "FAILED" -> FAILED;
      case "ROLLBACK_INCOMPLETE" -> ROLLBACK_INCOMPLETE;
      default -> -1;
    };
  }
}
