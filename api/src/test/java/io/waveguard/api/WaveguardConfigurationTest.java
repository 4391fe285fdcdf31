package io.waveguard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.DefaultConfigurationFactoryFactory;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.waveguard.activities.telemetry.prometheus.PrometheusSettings;
import io.waveguard.activities.trust.TrustSettings;
import io.waveguard.api.config.DeployerConfiguration;
import io.waveguard.api.config.TelemetryConfiguration;
import io.waveguard.api.config.WaveguardConfiguration;
import io.waveguard.api.core.PolicyResolver;
import io.waveguard.api.dto.GateMode;
import io.waveguard.policy.gate.GateParameters;
import io.waveguard.policy.model.NotificationEvent;
import io.waveguard.policy.model.NotificationWebhook;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.SequentialGatePolicy;
import io.waveguard.policy.model.TargetsHeldPolicy;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.TrustPolicy;
import io.waveguard.policy.plan.TrustPlanParameters;
import io.waveguard.policy.settings.CorePolicy;
import io.waveguard.policy.trust.TierWeights;
import io.waveguard.policy.trust.TrustParameters;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped example configuration parses, validates and documents the defaults. */
class WaveguardConfigurationTest {

  // The factory the server itself uses: it refuses unknown fields, as a typo deserves.
  private final ConfigurationFactory<WaveguardConfiguration> factory =
      new DefaultConfigurationFactoryFactory<WaveguardConfiguration>()
          .create(
              WaveguardConfiguration.class,
              Validators.newValidator(),
              Jackson.newObjectMapper(),
              "dw");

  private WaveguardConfiguration load(String path) throws Exception {
    return factory.build(
        new SubstitutingSourceProvider(
            new FileConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)),
        path);
  }

  @Test
  void exampleConfigurationLoadsWithItsDefaults() throws Exception {
    WaveguardConfiguration config = load(exampleConfig());

    assertThat(config.getTemporal().getTarget()).isNotBlank();
    assertThat(config.getTemporal().getNamespace()).isEqualTo("default");
    assertThat(config.getTemporal().getTaskQueue()).isEqualTo("waveguard-releases");
    assertThat(config.getTemporal().isRegisterSearchAttributes()).isTrue();
    assertThat(config.getDeployer().getType()).isEqualTo(DeployerConfiguration.Type.SIMULATED);
    assertThat(config.getTelemetry().getSource())
        .isEqualTo(TelemetryConfiguration.Source.SIMULATED);
    assertThat(config.getWorker().isEnabled()).isTrue();
    assertThat(config.getWorker().isStickyExecution()).isTrue();
    assertThat(config.getTelemetry().getRequestsPerTargetPerMinute()).isEqualTo(600);
    assertThat(config.getLimits().getMaxRequestBody().toBytes()).isEqualTo(1024 * 1024);
    assertThat(config.getDatabase().getUrl()).startsWith("jdbc:postgresql://");
  }

  @Test
  void examplePoolsAndThreadsEqualWhatEmbeddedRunsAndTheBenchUse() throws Exception {
    WaveguardConfiguration example = load(exampleConfig());
    WaveguardConfiguration embedded = WaveguardConfiguration.embedded("jdbc:x", "u", "", "t:1");

    for (WaveguardConfiguration config : List.of(example, embedded)) {
      assertThat(config.getDatabase().getInitialSize()).isEqualTo(8);
      assertThat(config.getDatabase().getMinSize()).isEqualTo(8);
      assertThat(config.getDatabase().getMaxSize()).isEqualTo(32);
      DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
      assertThat(server.getMinThreads()).isEqualTo(8);
      assertThat(server.getMaxThreads()).isEqualTo(1024);
    }
  }

  @Test
  void exampleTrustGateAndPrometheusSectionsEqualThePolicyCoreDefaults() throws Exception {
    WaveguardConfiguration config = load(exampleConfig());

    TrustSettings trust = config.trustSettings();
    TrustSettings defaults = TrustSettings.defaults();
    assertThat(trust.model()).isEqualTo(defaults.model());
    assertThat(trust.planning().tierThresholds()).isEqualTo(defaults.planning().tierThresholds());
    assertThat(trust.planning().tierWeights().weight(Tier.SAFETY_CRITICAL)).isEqualTo(30.0);
    assertThat(trust.planning().cumulativeImpactSteps())
        .isEqualTo(defaults.planning().cumulativeImpactSteps());
    assertThat(trust.attribution()).isEqualTo(defaults.attribution());
    assertThat(trust.healthWindow()).isEqualTo(defaults.healthWindow());
    assertThat(trust.baselineWindow()).isEqualTo(defaults.baselineWindow());
    assertThat(config.corePolicy().gate()).isEqualTo(GateParameters.defaults());
    assertThat(config.getGate().mode).isEqualTo(GateMode.SEQUENTIAL);
    assertThat(config.corePolicy().sequentialGate()).isEqualTo(SequentialGatePolicy.defaults());
    PrometheusSettings prometheus = config.getTelemetry().getPrometheus().toSettings();
    assertThat(prometheus)
        .isEqualTo(PrometheusSettings.defaults(URI.create("http://127.0.0.1:9090")));
  }

  /**
   * The shipped file and a configuration built in code give exactly the core records the server has
   * always started releases with: the policy core's defaults, tier weights spelled out per tier as
   * the trust section always did.
   */
  @Test
  void defaultServerConfigurationGivesThePolicyCoreDefaults() throws Exception {
    TrustPlanParameters planning =
        new TrustPlanParameters(
            new TierWeights(
                Map.of(
                    Tier.LOW, 1.0,
                    Tier.STANDARD, 3.0,
                    Tier.FINANCE_CRITICAL, 10.0,
                    Tier.SAFETY_CRITICAL, 30.0)),
            TrustPlanParameters.defaults().tierThresholds(),
            List.of(0.01, 0.05, 0.20, 0.50, 1.0),
            1,
            0.1);
    TrustSettings trust = TrustSettings.defaults().with(TrustParameters.defaults(), planning);
    ReleasePolicy started =
        ReleasePolicy.sequentialDefaults().withTrust(new TrustPolicy(trust.model(), planning));

    for (WaveguardConfiguration config :
        List.of(load(exampleConfig()), new WaveguardConfiguration())) {
      CorePolicy core = config.corePolicy();
      assertThat(core.release()).isEqualTo(ReleasePolicy.defaults());
      assertThat(core.sequentialGate()).isEqualTo(SequentialGatePolicy.defaults());
      assertThat(core.gate()).isEqualTo(GateParameters.defaults());
      assertThat(config.trustSettings()).isEqualTo(trust);
      PolicyResolver resolver =
          new PolicyResolver(
              config.getGate().mode,
              core.release(),
              core.sequentialGate(),
              new TrustPolicy(core.trust(), core.plan()));
      assertThat(resolver.defaults()).isEqualTo(started);
    }
  }

  @Test
  void everyKnobAScenarioHasTheServerHasToo(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("knobs.yml");
    Files.writeString(
        file,
        """
        release:
          bakeSeconds: 900
          maxBakeExtensions: 1
          firstWavePercent: 2.5
          waveGrowthFactor: 2
          minRequestsPerCohort: 5000
          approvalTiers: [safety-critical]
          minEvidenceRequests: 20000
        trust:
          minTargetsPerWave: 3
          tiers:
            low: {weight: 1, threshold: 0.1}
            standard: {weight: 4, threshold: 0.6}
        gate:
          mode: per-wave
        """);
    WaveguardConfiguration config = load(file.toString());

    CorePolicy core = config.corePolicy();
    assertThat(core.release())
        .isEqualTo(
            new ReleasePolicy(
                900,
                1,
                2.5,
                2,
                5000,
                List.of(Tier.SAFETY_CRITICAL),
                null,
                null,
                TargetsHeldPolicy.REFUSE,
                20_000,
                null));
    assertThat(core.release().tierEntryMinRequests()).isEqualTo(20_000);
    assertThat(core.plan().minTargetsPerWave()).isEqualTo(3);
    assertThat(core.plan().threshold(Tier.STANDARD)).isEqualTo(0.6);
    assertThat(core.plan().threshold(Tier.FINANCE_CRITICAL)).isZero();
    assertThat(core.plan().tierWeights().weight(Tier.STANDARD)).isEqualTo(4.0);
    assertThat(config.trustSettings().planning()).isEqualTo(core.plan());
    ReleasePolicy resolved =
        new PolicyResolver(config.getGate().mode, core.release(), core.sequentialGate(), null)
            .defaults();
    assertThat(resolved.bakeSeconds()).isEqualTo(900);
    assertThat(resolved.approvalTiers()).containsExactly(Tier.SAFETY_CRITICAL);
    assertThat(resolved.tierEntryMinRequests()).isEqualTo(20_000);
  }

  @Test
  void aBadValueStopsTheServerNamingTheField(@TempDir Path dir) throws Exception {
    assertRejected(
        dir, "trust:\n  tiers:\n    standard: {weight: 3, threshold: 1.5}\n", "threshold");
    assertRejected(dir, "trust:\n  tiers:\n    standard: {weight: 3}\n", "threshold");
    assertRejected(dir, "trust:\n  minTargetsPerWave: 0\n", "trust.minTargetsPerWave");
    assertRejected(dir, "trust:\n  healthWeight: 1.0\n", "trust.healthWeight");
    assertRejected(dir, "trust:\n  slo: {minSamples: 0}\n", "trust.slo.minSamples");
    assertRejected(
        dir, "trust:\n  attribution: {significance: 2}\n", "trust.attribution.significance");
    assertRejected(dir, "trust:\n  waveSteps: [0.5, 0.2, 1.0]\n", "trust");
    assertRejected(dir, "gate:\n  latencyMinSamples: 1\n", "gate.latencyMinSamples");
    assertRejected(dir, "gate:\n  alpha: 0.5\n", "gate.alpha");
    assertRejected(dir, "gate:\n  sequential: {maxStrata: 0}\n", "gate.sequential.maxStrata");
    assertRejected(dir, "release:\n  minEvidenceRequests: -1\n", "release.minEvidenceRequests");
    assertRejected(dir, "release:\n  bakeSeconds: 0\n", "release.bakeSeconds");
    assertRejected(
        dir, "release:\n  changeCalendar: {zone: Europe/Nowhere}\n", "release.changeCalendar.zone");
    assertRejected(
        dir,
        "release:\n  changeCalendar:\n    windows: [{days: [mon], start: '9am', end: '17:00'}]\n",
        "release.changeCalendar.windows[0].start");
    assertRejected(
        dir, "telemetry:\n  prometheus: {rangeStep: 0s}\n", "telemetry.prometheus.rangeStep");
    assertRejected(
        dir,
        "telemetry:\n  prometheus: {errorsQuery: 'sum(errors)'}\n",
        "errorsQuery must select the batch's targets with {{target}}: sum(errors)");
  }

  private void assertRejected(Path dir, String yaml, String field) throws Exception {
    Path file = Files.createTempFile(dir, "bad", ".yml");
    Files.writeString(file, yaml);
    assertThatThrownBy(() -> load(file.toString()))
        .as(yaml)
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining(field);
  }

  @Test
  void theServersChangeCalendarIsEveryReleasesDefault(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("calendar.yml");
    Files.writeString(
        file,
        """
        release:
          changeCalendar:
            zone: Europe/Berlin
            windows: [{days: [mon-thu], start: "08:00", end: "18:00"}]
            blackouts: [{start: "2026-12-24", end: "2027-01-01", reason: year-end freeze}]
        """);
    WaveguardConfiguration config = load(file.toString());

    ReleasePolicy defaults = config.corePolicy().release();
    assertThat(defaults.changeCalendar().zone()).isEqualTo("Europe/Berlin");
    assertThat(defaults.changeCalendar().windows().get(0).days()).hasSize(4);
    assertThat(defaults.changeCalendar().blackouts().get(0).reason()).isEqualTo("year-end freeze");
    assertThat(load(exampleConfig()).corePolicy().release().changeCalendar()).isNull();
  }

  @Test
  void sequentialGateSettingsAndPerWaveModeAreRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("gate.yml");
    Files.writeString(
        file,
        """
        gate:
          mode: per-wave
          sequential:
            alpha: 0.02
            tierTolerances: {finance-critical: 1.25}
            periodSeconds: 30
        """);
    WaveguardConfiguration config = load(file.toString());

    SequentialGatePolicy gate = config.corePolicy().sequentialGate();
    assertThat(config.getGate().mode).isEqualTo(GateMode.PER_WAVE);
    assertThat(gate.alpha()).isEqualTo(0.02);
    assertThat(gate.tolerances().financeCritical()).isEqualTo(1.25);
    assertThat(gate.tolerances().standard()).isEqualTo(1.5);
    assertThat(gate.periodSeconds()).isEqualTo(30);
    assertThat(gate.minBakeSeconds()).isEqualTo(180);
  }

  @Test
  void inconsistentSequentialGateStopsTheServerWithTheReason(@TempDir Path dir) throws Exception {
    Path timings = dir.resolve("timings.yml");
    Files.writeString(timings, "gate:\n  sequential: {periodSeconds: 600, minBakeSeconds: 300}\n");
    Path shares = dir.resolve("shares.yml");
    Files.writeString(shares, "gate:\n  sequential: {errorsShare: 0.9}\n");
    Path tolerance = dir.resolve("tolerance.yml");
    Files.writeString(tolerance, "gate:\n  sequential: {tierTolerances: {standard: 0.9}}\n");

    assertThatThrownBy(() -> load(timings.toString()))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("gate.sequential")
        .hasMessageContaining("periodSeconds <= minBakeSeconds <= maxBakeSeconds");
    assertThatThrownBy(() -> load(shares.toString()))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("shares must sum to 1");
    assertThatThrownBy(() -> load(tolerance.toString()))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("gate.sequential.tierTolerances.standard");
  }

  @Test
  void unknownGateModeOrTierIsRejected(@TempDir Path dir) throws Exception {
    Path mode = dir.resolve("mode.yml");
    Files.writeString(mode, "gate:\n  mode: ratio\n");
    Path tier = dir.resolve("tier.yml");
    Files.writeString(tier, "gate:\n  sequential: {tierTolerances: {gold: 1.5}}\n");

    assertThatThrownBy(() -> load(mode.toString())).hasMessageContaining("gate.mode");
    assertThatThrownBy(() -> load(tier.toString())).hasMessageContaining("gold");
  }

  @Test
  void webhookDeployerWithoutUrlIsRejected(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("webhook.yml");
    Files.writeString(file, "deployer:\n  type: webhook\n");

    assertThatThrownBy(() -> load(file.toString()))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("url is required when type is webhook");
  }

  @Test
  void theExampleConfigurationNotifiesNoWebhook() throws Exception {
    WaveguardConfiguration config = load(exampleConfig());

    assertThat(config.getNotifications().webhooks).isEmpty();
    assertThat(config.getNotifications().allowReleaseWebhookUrls).isFalse();
    assertThat(config.getNotifications().releaseWebhooks()).isEmpty();
    assertThat(config.getNotifications().toSettings().timeout()).hasSeconds(10);
  }

  @Test
  void notificationProblemsStopTheServerNamingEachField(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("notifications.yml");
    Files.writeString(
        file,
        """
        notifications:
          apiBaseUrl: not a url
          secrets:
            ops: ""
          webhooks:
            - name: ops-slack
              url: https://hooks.slack.com/services/T/B/X
              format: slack
              events: [release-started, deployed]
            - name: ops-slack
              url: ""
              format: xml
              secret: missing
        """);

    assertThatThrownBy(() -> load(file.toString()))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("notifications.apiBaseUrl")
        .hasMessageContaining("notifications.secrets.ops is empty")
        .hasMessageContaining("notifications.webhooks[0].events[1] unknown event 'deployed'")
        .hasMessageContaining("notifications.webhooks[1].name 'ops-slack' names two webhooks")
        .hasMessageContaining("notifications.webhooks[1].url is required")
        .hasMessageContaining("notifications.webhooks[1].format must be slack or json")
        .hasMessageContaining("notifications.webhooks[1].secret names no secret");
  }

  @Test
  void aValidNotificationsSectionGivesReleasesWebhooksByNameAndWorkersTheirSecrets(
      @TempDir Path dir) throws Exception {
    Path file = dir.resolve("notifications.yml");
    Files.writeString(
        file,
        """
        notifications:
          giveUpAfter: 30s
          secrets:
            ops: not-in-any-history
          webhooks:
            - name: events
              url: https://events.example.com/waveguard
              secret: ops
              events: [wave-passed, finished]
        """);

    WaveguardConfiguration config = load(file.toString());

    assertThat(config.getNotifications().releaseWebhooks())
        .containsExactly(
            NotificationWebhook.configured(
                    "events", List.of(NotificationEvent.WAVE_PASSED, NotificationEvent.FINISHED))
                .withGiveUpAfterSeconds(30));
    assertThat(config.getNotifications().toSettings().webhooks().get("events").secret())
        .isEqualTo("not-in-any-history");
  }

  @Test
  void tlsCertificateWithoutKeyIsRejected(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tls.yml");
    Files.writeString(file, "temporal:\n  tlsCertPath: /etc/waveguard/client.pem\n");

    assertThatThrownBy(() -> load(file.toString()))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("tlsCertPath and tlsKeyPath must be set together");
  }

  private static String exampleConfig() {
    // Surefire runs in the module directory.
    File file = new File("config/waveguard.yml");
    assertThat(file).exists();
    return file.getPath();
  }
}
