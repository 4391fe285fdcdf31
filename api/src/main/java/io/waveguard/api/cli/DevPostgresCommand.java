package io.waveguard.api.cli;

import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.waveguard.api.embedded.EmbeddedPostgresServer;
import net.sourceforge.argparse4j.inf.FeatureControl;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code dev-postgres} (not listed in help): an embedded PostgreSQL on loopback until Ctrl-C, with
 * the role and database "waveguard" that api/config/waveguard.yml expects. For local runs and
 * end-to-end scripts on machines without a PostgreSQL server; data is removed on exit.
 */
public final class DevPostgresCommand extends Command {

  static final String DATABASE = "waveguard";

  public DevPostgresCommand() {
    super("dev-postgres", "Runs an embedded PostgreSQL until Ctrl-C (for local runs)");
  }

  @Override
  public void configure(Subparser subparser) {
    subparser.help(FeatureControl.SUPPRESS);
    subparser
        .addArgument("--port")
        .type(Integer.class)
        .setDefault(5432)
        .help("port to listen on, loopback only (0 picks a free one)");
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
    EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(namespace.getInt("port"));
    StopOnShutdown stop = StopOnShutdown.register("dev-postgres", postgres);
    postgres.createDatabase(DATABASE, DATABASE);
    System.out.printf(
        """
        PostgreSQL ready at %s (user %s, no password; data removed on exit).
          WAVEGUARD_DB_URL=%s WAVEGUARD_DB_USER=%s
        """,
        postgres.jdbcUrl(DATABASE), DATABASE, postgres.jdbcUrl(DATABASE), DATABASE);
    System.out.flush();
    stop.await();
  }
}
