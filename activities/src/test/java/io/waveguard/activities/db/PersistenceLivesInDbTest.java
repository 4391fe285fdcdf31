package io.waveguard.activities.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Persistence lives in one place: every SqlObject DAO and every SQL statement of the production
 * modules is in {@code io.waveguard.activities.db}, one DAO per aggregate, and the DAOs depend on
 * no telemetry source (the push source depends on its DAO, never the other way round). Reads the
 * sources of every module the parent POM lists, so a DAO in {@code api} is caught too.
 */
class PersistenceLivesInDbTest {

  /** The reactor root, seen from this module's directory (where Surefire runs). */
  private static final Path ROOT = Path.of("..");

  private static final Path DB =
      Path.of("activities", "src", "main", "java", "io", "waveguard", "activities", "db");

  /**
   * The simulated world of the demo and the tests: its deployer's log is its own persistence, in a
   * schema of its own, not Waveguard's.
   */
  private static final Set<String> NOT_PRODUCTION_MODULES = Set.of("simulated-fleet");

  /** A SqlObject annotation or any other use of the SqlObject API. */
  private static final Pattern SQL_OBJECT =
      Pattern.compile("\\borg\\.jdbi\\.v3\\.sqlobject\\.|@Sql(Query|Update|Batch|Call|Script)\\b");

  /** SQL written inline against a JDBI handle instead of in a DAO. */
  private static final Pattern INLINE_SQL =
      Pattern.compile("\\.(createQuery|createUpdate|createCall|createScript|prepareBatch)\\(");

  /** The DAOs' side of an import cycle with the telemetry sources. */
  private static final Pattern TELEMETRY =
      Pattern.compile("\\bio\\.waveguard\\.activities\\.telemetry\\b");

  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

  @Test
  void noClassOutsideTheDbPackageDeclaresASqlObjectDao() {
    assertThat(productionSourcesOutsideDb())
        .allSatisfy(
            file ->
                assertThat(SQL_OBJECT.matcher(read(file)).find())
                    .as("%s uses JDBI SqlObject: DAOs belong in io.waveguard.activities.db", file)
                    .isFalse());
  }

  @Test
  void noClassOutsideTheDbPackageWritesSqlAgainstAHandle() {
    assertThat(productionSourcesOutsideDb())
        .allSatisfy(
            file ->
                assertThat(INLINE_SQL.matcher(read(file)).find())
                    .as("%s writes SQL inline: add a method to its aggregate's DAO instead", file)
                    .isFalse());
  }

  @Test
  void theDaosDependOnNoTelemetrySource() {
    assertThat(sources(ROOT.resolve(DB)))
        .extracting(file -> file.getFileName().toString())
        .contains("TargetDao.java", "PlanDao.java", "TelemetryDao.java");
    assertThat(sources(ROOT.resolve(DB)))
        .allSatisfy(
            file ->
                assertThat(TELEMETRY.matcher(read(file)).find())
                    .as("%s refers to io.waveguard.activities.telemetry", file)
                    .isFalse());
  }

  @Test
  void everyModuleIsRead() {
    assertThat(modules())
        .contains("policy", "workflows", "activities", "simulation", "simulated-fleet", "api");
    assertThat(productionSourcesOutsideDb())
        .anyMatch(f -> f.toString().contains("WaveguardWiring.java"))
        .anyMatch(f -> f.toString().contains("PushTelemetrySource.java"))
        .noneMatch(f -> f.toString().contains("TargetDao.java"));
  }

  @Test
  void theCheckRecognisesWhatItForbids() {
    assertThat(SQL_OBJECT.matcher("import org.jdbi.v3.sqlobject.statement.SqlQuery;").find())
        .isTrue();
    assertThat(SQL_OBJECT.matcher("  @SqlUpdate(\"DELETE FROM t\")").find()).isTrue();
    assertThat(
            SQL_OBJECT.matcher("@org.jdbi.v3.sqlobject.config.RegisterRowMapper(M.class)").find())
        .isTrue();
    assertThat(SQL_OBJECT.matcher("import org.jdbi.v3.core.Jdbi;").find()).isFalse();
    assertThat(SQL_OBJECT.matcher("handle.attach(TargetDao.class)").find()).isFalse();
    assertThat(INLINE_SQL.matcher("handle.createQuery(\"SELECT 1\")").find()).isTrue();
    assertThat(INLINE_SQL.matcher("jdbi.withExtension(ReleaseDao.class, d -> d.find(id))").find())
        .isFalse();
    assertThat(
            TELEMETRY.matcher("import io.waveguard.activities.telemetry.TargetTelemetry;").find())
        .isTrue();
    assertThat(TELEMETRY.matcher("import io.waveguard.activities.trust.TrustCause;").find())
        .isFalse();
  }

  private static List<Path> productionSourcesOutsideDb() {
    Path db = ROOT.resolve(DB).normalize();
    return modules().stream()
        .filter(module -> !NOT_PRODUCTION_MODULES.contains(module))
        .map(module -> ROOT.resolve(module).resolve(Path.of("src", "main", "java")))
        .filter(Files::isDirectory)
        .flatMap(dir -> sources(dir).stream())
        .filter(file -> !file.normalize().startsWith(db))
        .toList();
  }

  private static List<String> modules() {
    Matcher modules = MODULE.matcher(read(ROOT.resolve("pom.xml")));
    return modules.results().map(m -> m.group(1).trim()).toList();
  }

  private static List<Path> sources(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(".java")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
