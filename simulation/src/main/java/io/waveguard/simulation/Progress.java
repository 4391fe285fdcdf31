package io.waveguard.simulation;

/** Hears how far a simulation run is; called from worker threads. */
public interface Progress {

  /** Nothing listens. */
  Progress NONE = (done, total) -> {};

  /** {@code done} of {@code total} releases are simulated (all strategies counted). */
  void advanced(long done, long total);
}
