package io.waveguard.api.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import io.waveguard.activities.db.Database;
import io.waveguard.activities.db.DeploymentDao;
import io.waveguard.activities.db.TargetDeployment;
import io.waveguard.api.config.WaveguardConfiguration;
import io.waveguard.simulatedfleet.deploy.FleetLogEntry;
import io.waveguard.simulatedfleet.deploy.SimulatedFleetLogDao;
import io.waveguard.simulatedfleet.deploy.SimulatedFleetSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.sourceforge.argparse4j.inf.FeatureControl;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code verify-deployments <config.yml> <releaseId>} (not listed in help): checks in PostgreSQL
 * that a release deployed every one of its targets exactly once, the property crash tests must
 * preserve. Exits non-zero and says which targets break it otherwise.
 */
public final class VerifyDeploymentsCommand extends ConfiguredCommand<WaveguardConfiguration> {

  private static final String RELEASE_ID = "releaseId";

  public VerifyDeploymentsCommand() {
    super("verify-deployments", "Checks that a release deployed each target exactly once");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.help(FeatureControl.SUPPRESS);
    subparser.addArgument(RELEASE_ID).metavar("RELEASE_ID").help("the release to check");
  }

  @Override
  protected void run(
      Bootstrap<WaveguardConfiguration> bootstrap,
      Namespace namespace,
      WaveguardConfiguration configuration)
      throws Exception {
    String releaseId = namespace.getString(RELEASE_ID);
    ManagedDataSource dataSource =
        configuration.getDatabase().build(bootstrap.getMetricRegistry(), "verify");
    try {
      Jdbi jdbi = Database.jdbi(dataSource);
      List<TargetDeployment> rows =
          jdbi.withExtension(DeploymentDao.class, dao -> dao.release(releaseId));
      // A database no simulated deployer ever used has no log: nothing deployed twice there.
      List<FleetLogEntry> log =
          SimulatedFleetSchema.exists(jdbi)
              ? jdbi.withExtension(SimulatedFleetLogDao.class, dao -> dao.forRelease(releaseId))
              : List.of();
      List<String> problems = problems(rows, log);
      System.out.println(summary(releaseId, rows, log));
      if (!problems.isEmpty()) {
        problems.forEach(p -> System.out.println("  " + p));
        throw new IllegalStateException(
            "release " + releaseId + ": " + problems.size() + " targets not deployed exactly once");
      }
      System.out.println("release " + releaseId + ": every target deployed exactly once");
    } finally {
      dataSource.stop();
    }
  }

  /** Every target deployed and confirmed once; the simulated fleet applied each deploy once. */
  static List<String> problems(List<TargetDeployment> rows, List<FleetLogEntry> log) {
    List<String> problems = new ArrayList<>();
    if (rows.isEmpty()) {
      problems.add("no deployments recorded (unknown release, or it never planned)");
    }
    for (TargetDeployment row : rows) {
      if (row.deployCount() != 1 || !row.isDeployed()) {
        problems.add(
            "%s (wave %d): state %s, deploy_count %d"
                .formatted(row.targetId(), row.wave(), row.state(), row.deployCount()));
      }
    }
    for (FleetLogEntry entry : log) {
      if ("deploy".equals(entry.action()) && entry.appliedCount() != 1) {
        problems.add(
            "%s: the simulated fleet applied its deploy %d times"
                .formatted(entry.targetId(), entry.appliedCount()));
      }
    }
    return problems;
  }

  private static String summary(
      String releaseId, List<TargetDeployment> rows, List<FleetLogEntry> log) {
    Map<String, Integer> states = new TreeMap<>();
    rows.forEach(r -> states.merge(r.state(), 1, Integer::sum));
    long redelivered = log.stream().filter(e -> e.deliveryCount() > e.appliedCount()).count();
    return "release %s: %d targets %s; %d targets had their deploy re-sent (a retry, deduplicated)"
        .formatted(releaseId, rows.size(), states, redelivered);
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    cli.getStdErr().println(e.getMessage());
  }
}
