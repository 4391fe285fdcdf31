package io.waveguard.api.cli;

import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.waveguard.api.bench.Bench;
import io.waveguard.api.bench.BenchSizes;
import io.waveguard.api.demo.TemporalChoice;
import java.nio.file.Path;
import java.util.Set;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code bench [--out DIR] [--temporal auto|cli|embedded] [--smoke] [--only PARTS]}: measures
 * planner, trust recompute, gate, telemetry ingestion, release starts and a fleet of releases on
 * one worker on this machine, prints every figure and writes {@code DIR/bench.json}.
 */
public final class BenchCommand extends Command {

  public BenchCommand() {
    super("bench", "Measures Waveguard's speed figures on this machine and writes bench.json");
  }

  @Override
  public void configure(Subparser subparser) {
    subparser.addArgument("--out").setDefault("target/bench").help("directory for bench.json");
    subparser
        .addArgument("--temporal")
        .setDefault(TemporalChoice.AUTO.wireName())
        .choices(
            TemporalChoice.AUTO.wireName(),
            TemporalChoice.EMBEDDED.wireName(),
            TemporalChoice.CLI.wireName())
        .help(
            "cli: the temporal CLI's dev server on loopback (the figures' server); embedded:"
                + " Temporal's Java test server in this process; auto (default): cli when the CLI"
                + " is found, else embedded");
    subparser
        .addArgument("--smoke")
        .action(Arguments.storeTrue())
        .help("tiny sizes: proves the bench runs, in seconds; its figures mean nothing");
    subparser
        .addArgument("--only")
        .setDefault("planner,trust,gate,api")
        .help(
            "the parts to measure, comma-separated: planner,trust,gate,api (default: all);"
                + " starts: only api's release starts, for profiling them");
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
    Set<Bench.Part> parts;
    try {
      parts = Bench.Part.parseList(namespace.getString("only"));
    } catch (IllegalArgumentException e) {
      System.err.println("bench: --only: " + e.getMessage());
      System.exit(2);
      return;
    }
    Bench.run(
        new Bench.Options(
            namespace.getBoolean("smoke") ? BenchSizes.smoke() : BenchSizes.full(),
            TemporalChoice.parse(namespace.getString("temporal")),
            Path.of(namespace.getString("out")),
            parts),
        System.out);
    // Temporal's and Jetty's non-daemon threads would keep the JVM alive: exit explicitly.
    System.exit(0);
  }
}
