package io.waveguard.api.bench;

import io.waveguard.api.demo.TemporalChoice;

/**
 * The bench's ingestion figure alone, on the same stack and sizes as {@code ./waveguard bench}:
 * for profiling the write path without the starts and the fleet that follow it. {@code java -cp
 * api/target/waveguard.jar io.waveguard.api.bench.IngestBench [targets samples]} prints the {@code
 * ingest:} line; {@code ./waveguard bench --only api} still measures it with every other API
 * figure.
 */
public final class IngestBench {

  private IngestBench() {}

  public static void main(String[] args) throws Exception {
    BenchSizes sizes = BenchSizes.full();
    int targets = args.length > 0 ? Integer.parseInt(args[0]) : sizes.ingestTargets();
    int samples = args.length > 1 ? Integer.parseInt(args[1]) : sizes.ingestSamples();
    try (BenchStack stack = BenchStack.start(TemporalChoice.AUTO, System.out)) {
      new ApiBench(stack, System.out).ingest(targets, samples);
    }
    // Temporal's and Jetty's non-daemon threads would keep the JVM alive.
    System.exit(0);
  }
}
