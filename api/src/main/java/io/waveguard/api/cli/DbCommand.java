package io.waveguard.api.cli;

import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import io.waveguard.api.config.WaveguardConfiguration;
import io.waveguard.api.wiring.Storage;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

/**
 * {@code db migrate <config.yml>}: brings the PostgreSQL schema up to date with Flyway and exits.
 * {@code server} and {@code worker} migrate on start too; this is for deploy pipelines that migrate
 * before rolling processes.
 */
public final class DbCommand extends ConfiguredCommand<WaveguardConfiguration> {

  private static final String SUBCOMMAND = "subcommand";

  public DbCommand() {
    super("db", "Database schema tasks");
  }

  @Override
  public void configure(Subparser subparser) {
    Subparsers tasks = subparser.addSubparsers().dest(SUBCOMMAND).metavar("TASK");
    Subparser migrate =
        tasks.addParser("migrate").help("Apply pending schema migrations, then exit");
    addFileArgument(migrate);
  }

  @Override
  protected void run(
      Bootstrap<WaveguardConfiguration> bootstrap,
      Namespace namespace,
      WaveguardConfiguration configuration)
      throws Exception {
    String task = namespace.getString(SUBCOMMAND);
    if (!"migrate".equals(task)) {
      throw new IllegalArgumentException("unknown db task: " + task);
    }
    ManagedDataSource dataSource =
        configuration.getDatabase().build(bootstrap.getMetricRegistry(), "migrate");
    try {
      Storage.migrate(configuration, dataSource);
    } finally {
      dataSource.stop();
    }
  }
}
