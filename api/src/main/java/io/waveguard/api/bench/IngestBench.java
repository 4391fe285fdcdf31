package io.waveguard.api.bench;

import io.waveguard.api.demo.TemporalChoice;

/**
 * The bench's ingestion figure alone, on the same stack and sizes as {@code ./waveguard bench}: for
 * profiling the write path without the starts and the fleet that follow it. {@code java -cp
 * api/target/waveguard.jar io.waveguard.api.bench.IngestBench [targets samples [warm-up]]} prints
 * the {@code ingest:} line; {@code ./waveguard bench --only api} still measures it with every other
 * API figure. A warm-up (that many samples, on targets of their own, first) shows the rate once the
 * JIT has compiled the write path, which the bench's cold run partly measures.
 */
public final class IngestBench {

  private IngestBench() {}

  public static void main(String[] args) throws Exception {
    BenchSizes sizes = BenchSizes.full();
    int targets = args.length > 0 ? Integer.parseInt(args[0]) : sizes.ingestTargets();
    int samples = args.length > 1 ? Integer.parseInt(args[1]) : sizes.ingestSamples();
    int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    try (BenchStack stack = BenchStack.start(TemporalChoice.AUTO, System.out)) {
      ApiBench bench = new ApiBench(stack, System.out);
      if (warmUp > 0) {
        System.out.print("warm-up: ");
        bench.ingest("warm", targets, warmUp);
      }
      bench.ingest(targets, samples);
    }
    // Temporal's and Jetty's non-daemon threads would keep the JVM alive.
    System.exit(0);
  }
}
