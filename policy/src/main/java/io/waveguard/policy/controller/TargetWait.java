package io.waveguard.policy.controller;

/**
 * How long a release that waits for held targets sleeps before it claims them again: 10 s, doubling
 * up to 5 minutes. A holder usually lets go within minutes (its last wave or its rollback), and the
 * cap keeps a release that waits for a day at a few hundred history events.
 */
public final class TargetWait {

  static final long FIRST_DELAY_SECONDS = 10;
  static final long MAX_DELAY_SECONDS = 300;

  private TargetWait() {}

  /** The delay after the {@code attempt}-th claim (from 1) that found the targets held. */
  public static long delaySeconds(int attempt) {
    long delay = FIRST_DELAY_SECONDS;
    for (int i = 1; i < attempt && delay < MAX_DELAY_SECONDS; i++) {
      delay *= 2;
    }
    return Math.min(delay, MAX_DELAY_SECONDS);
  }
}
