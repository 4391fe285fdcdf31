package io.waveguard.api.cli;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Closes a command's resources, in the given order, when the JVM is asked to stop (Ctrl-C,
 * SIGTERM), and lets the command block until then.
 */
final class StopOnShutdown {

  private final CountDownLatch stopped = new CountDownLatch(1);

  private StopOnShutdown() {}

  static StopOnShutdown register(String name, AutoCloseable... inOrder) {
    StopOnShutdown hook = new StopOnShutdown();
    List<AutoCloseable> resources = List.of(inOrder);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    for (AutoCloseable resource : resources) {
                      close(resource);
                    }
                  } finally {
                    hook.stopped.countDown();
                  }
                },
                name + "-shutdown"));
    return hook;
  }

  /** Blocks until the shutdown hook has closed everything. */
  void await() throws InterruptedException {
    stopped.await();
  }

  private static void close(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      System.err.println("did not stop cleanly: " + e);
    }
  }
}
