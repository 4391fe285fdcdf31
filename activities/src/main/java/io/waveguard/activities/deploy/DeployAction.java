package io.waveguard.activities.deploy;

import java.util.Locale;

/** What a deployer is asked to do with a batch. */
public enum DeployAction {
  /** Put the batch's version on its targets. */
  DEPLOY,
  /** Take the batch's version off its targets again. */
  ROLLBACK;

  /** Lower-case name used on the wire, in idempotency keys and in the database. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
