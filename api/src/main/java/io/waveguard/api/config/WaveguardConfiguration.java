package io.waveguard.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.validation.selfvalidating.SelfValidating;
import io.dropwizard.validation.selfvalidating.SelfValidation;
import io.dropwizard.validation.selfvalidating.ViolationCollector;
import io.waveguard.activities.trust.TrustSettings;
import io.waveguard.api.dto.ChangeCalendarRequest;
import io.waveguard.policy.settings.CorePolicy;
import io.waveguard.policy.settings.InvalidSettingException;
import io.waveguard.policy.settings.PolicyMapping;
import io.waveguard.policy.settings.PolicySettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/**
 * Everything Waveguard reads from its YAML file (see api/config/waveguard.yml for every default).
 * Setters exist so embedded runs (demo, tests) can build a configuration in code. What it sets
 * about releases ({@code release}, {@code gate}, {@code trust}) becomes the policy core's records
 * through {@link PolicySettings}, the same translation the simulator's scenarios go through.
 */
@SelfValidating
public class WaveguardConfiguration extends Configuration {

  @Valid @NotNull private DataSourceFactory database = defaultDatabase();

  @Valid @NotNull private TemporalConfiguration temporal = new TemporalConfiguration();

  @Valid @NotNull private DeployerConfiguration deployer = new DeployerConfiguration();

  @Valid @NotNull private TelemetryConfiguration telemetry = new TelemetryConfiguration();

  @Valid @NotNull private WorkerConfiguration worker = new WorkerConfiguration();

  @Valid @NotNull private LimitsConfiguration limits = new LimitsConfiguration();

  @Valid @NotNull private RetentionConfiguration retention = new RetentionConfiguration();

  @Valid @NotNull private TrustConfiguration trust = new TrustConfiguration();

  @Valid @NotNull private GateConfiguration gate = new GateConfiguration();

  @Valid @NotNull private ReleaseConfiguration release = new ReleaseConfiguration();

  @Valid @NotNull
  private NotificationsConfiguration notifications = new NotificationsConfiguration();

  @Valid @NotNull
  private ObservabilityConfiguration observability = new ObservabilityConfiguration();

  @Valid @NotNull private AuthConfiguration auth = new AuthConfiguration();

  /**
   * A configuration with every default, pointed at the given PostgreSQL and Temporal endpoint: the
   * starting point of embedded runs (demo, tests). Adjust further with the setters.
   */
  public static WaveguardConfiguration embedded(
      String jdbcUrl, String dbUser, String dbPassword, String temporalTarget) {
    WaveguardConfiguration config = new WaveguardConfiguration();
    config.getDatabase().setUrl(jdbcUrl);
    config.getDatabase().setUser(dbUser);
    config.getDatabase().setPassword(dbPassword);
    config.getTemporal().setTarget(temporalTarget);
    return config;
  }

  /** What this configuration sets about releases, for the policy core. */
  public PolicySettings policySettings() {
    return new PolicySettings(
        release.toSettings(),
        gate.toSettings(),
        gate.sequential.toSettings(),
        trust.toTrustSettings(),
        trust.toPlanSettings(),
        trust.attribution.toSettings());
  }

  /**
   * The policy core's records these settings describe: the server's defaults for every release.
   *
   * @throws InvalidSettingException naming what the core refuses
   */
  public CorePolicy corePolicy() {
    return policySettings().toCore();
  }

  /** The trust engine's settings: the core's trust model, planning and attribution, and windows. */
  public TrustSettings trustSettings() {
    CorePolicy core = corePolicy();
    return new TrustSettings(
        core.trust(),
        core.plan(),
        core.attribution(),
        trust.healthWindow(),
        trust.baselineWindow(),
        core.fitPrior());
  }

  /**
   * The rules between fields are the policy core's: it judges the settings together, and what it
   * refuses stops the server at startup under the section's YAML path (one problem per section).
   */
  @SelfValidation
  public void validateWithThePolicyCore(ViolationCollector violations) {
    if (release == null || gate == null || gate.sequential == null || trust == null) {
      return; // @NotNull reports the missing section
    }
    PolicySettings settings;
    try {
      settings = policySettings();
    } catch (RuntimeException incomplete) {
      return; // a null inside a section: its own @NotNull names it
    }
    for (InvalidSettingException refused : PolicyMapping.problems(settings)) {
      violations.addViolation(path(refused.section()), refused.getMessage());
    }
    validateChangeCalendar(violations);
  }

  /**
   * A calendar that cannot be read, or allows no time at all, stops the server naming the field.
   */
  private void validateChangeCalendar(ViolationCollector violations) {
    ChangeCalendarRequest.Parsed calendar = release.parsedChangeCalendar();
    for (ChangeCalendarRequest.Problem problem : calendar.problems()) {
      violations.addViolation(problem.field(), problem.message());
    }
    if (calendar.calendar() != null) {
      for (String problem : calendar.calendar().problems(Instant.now())) {
        violations.addViolation("release.changeCalendar", problem);
      }
    }
  }

  /** Each problem of the notifications section, under its field's YAML path. */
  @SelfValidation
  public void validateNotifications(ViolationCollector violations) {
    if (notifications == null || notifications.webhooks == null || notifications.secrets == null) {
      return; // @NotNull reports the missing section
    }
    notifications.problems().forEach(p -> violations.addViolation(p.getKey(), p.getValue()));
  }

  private static String path(InvalidSettingException.Section section) {
    return switch (section) {
      case RELEASE -> "release";
      case GATE -> "gate";
      case SEQUENTIAL_GATE -> "gate.sequential";
      case TRUST, PLAN -> "trust";
      case ATTRIBUTION -> "trust.attribution";
    };
  }

  /** Binds the API and admin connectors; port 0 picks a free port. */
  public WaveguardConfiguration withHttp(String bindHost, int port, int adminPort) {
    DefaultServerFactory server = (DefaultServerFactory) getServerFactory();
    bind(server.getApplicationConnectors().get(0), bindHost, port);
    bind(server.getAdminConnectors().get(0), bindHost, adminPort);
    return this;
  }

  private static void bind(Object connector, String host, int port) {
    HttpConnectorFactory http = (HttpConnectorFactory) connector;
    http.setBindHost(host);
    http.setPort(port);
  }

  /** PostgreSQL connections a process keeps open, and the most it opens. */
  static final int DATABASE_POOL_MIN = 8;

  static final int DATABASE_POOL_MAX = 32;

  private static DataSourceFactory defaultDatabase() {
    DataSourceFactory database = new DataSourceFactory();
    database.setDriverClass("org.postgresql.Driver");
    database.setUrl("jdbc:postgresql://localhost:5432/waveguard");
    database.setUser("waveguard");
    database.setValidationQuery("SELECT 1");
    // Batches (trust snapshots of a whole fleet, plans) as multi-row INSERTs: about twice as fast.
    database.setProperties(java.util.Map.of("reWriteBatchedInserts", "true"));
    // As api/config/waveguard.yml (docs/configuration.md#pools-and-threads): connections open
    // before the first burst of starts, so no start opens one on its request thread.
    database.setInitialSize(DATABASE_POOL_MIN);
    database.setMinSize(DATABASE_POOL_MIN);
    database.setMaxSize(DATABASE_POOL_MAX);
    return database;
  }

  @JsonProperty("database")
  public DataSourceFactory getDatabase() {
    return database;
  }

  @JsonProperty("database")
  public void setDatabase(DataSourceFactory database) {
    this.database = database;
  }

  @JsonProperty
  public TemporalConfiguration getTemporal() {
    return temporal;
  }

  @JsonProperty
  public void setTemporal(TemporalConfiguration temporal) {
    this.temporal = temporal;
  }

  @JsonProperty
  public DeployerConfiguration getDeployer() {
    return deployer;
  }

  @JsonProperty
  public void setDeployer(DeployerConfiguration deployer) {
    this.deployer = deployer;
  }

  @JsonProperty
  public TelemetryConfiguration getTelemetry() {
    return telemetry;
  }

  @JsonProperty
  public void setTelemetry(TelemetryConfiguration telemetry) {
    this.telemetry = telemetry;
  }

  @JsonProperty
  public WorkerConfiguration getWorker() {
    return worker;
  }

  @JsonProperty
  public void setWorker(WorkerConfiguration worker) {
    this.worker = worker;
  }

  @JsonProperty
  public RetentionConfiguration getRetention() {
    return retention;
  }

  @JsonProperty("retention")
  public void setRetention(RetentionConfiguration retention) {
    this.retention = retention;
  }

  @JsonProperty("limits")
  public LimitsConfiguration getLimits() {
    return limits;
  }

  @JsonProperty
  public void setLimits(LimitsConfiguration limits) {
    this.limits = limits;
  }

  @JsonProperty
  public TrustConfiguration getTrust() {
    return trust;
  }

  @JsonProperty
  public void setTrust(TrustConfiguration trust) {
    this.trust = trust;
  }

  @JsonProperty
  public ReleaseConfiguration getRelease() {
    return release;
  }

  @JsonProperty
  public void setRelease(ReleaseConfiguration release) {
    this.release = release;
  }

  @JsonProperty
  public NotificationsConfiguration getNotifications() {
    return notifications;
  }

  @JsonProperty
  public void setNotifications(NotificationsConfiguration notifications) {
    this.notifications = notifications;
  }

  @JsonProperty
  public GateConfiguration getGate() {
    return gate;
  }

  @JsonProperty
  public void setGate(GateConfiguration gate) {
    this.gate = gate;
  }

  @JsonProperty
  public ObservabilityConfiguration getObservability() {
    return observability;
  }

  @JsonProperty
  public void setObservability(ObservabilityConfiguration observability) {
    this.observability = observability;
  }

  @JsonProperty
  public AuthConfiguration getAuth() {
    return auth;
  }

  @JsonProperty
  public void setAuth(AuthConfiguration auth) {
    this.auth = auth;
  }
}
