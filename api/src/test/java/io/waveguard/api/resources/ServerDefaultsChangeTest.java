package io.waveguard.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.activities.db.TargetDao;
import io.waveguard.api.config.WaveguardConfiguration;
import io.waveguard.api.embedded.WaveguardServer;
import io.waveguard.api.support.Api;
import io.waveguard.api.support.Api.Answer;
import io.waveguard.api.support.TestApp;
import io.waveguard.simulatedfleet.FleetTargets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A release keeps the policy it was resolved with at start: a second API process with other gate,
 * release and trust defaults (a configuration change and restart) shows the old policy and refuses
 * to call the same body with the new defaults the same release.
 */
class ServerDefaultsChangeTest {

  private static final String SERVICE = "defaults-change";

  private static Api before;
  private static WaveguardServer changed;
  private static Api after;

  @BeforeAll
  static void twoServersWithDifferentGateDefaults() throws Exception {
    TestApp app = TestApp.get();
    before = app.api();
    app.jdbi()
        .useExtension(
            TargetDao.class, dao -> FleetTargets.generate(SERVICE, 6, 5).forEach(dao::upsert));
    // Its own targets: the first release still holds SERVICE's, one running release per target.
    app.jdbi()
        .useExtension(
            TargetDao.class,
            dao -> FleetTargets.generate(SERVICE + "-new", 6, 5).forEach(dao::upsert));
    WaveguardConfiguration config = TestApp.configuration("waveguard-test", false);
    config.getGate().sequential.alpha = 0.02;
    config.getGate().sequential.tierTolerances.standard = 1.3;
    config.getRelease().maxBakeExtensions = 1;
    config.getTrust().minTargetsPerWave = 2;
    changed = WaveguardServer.start(config);
    after = new Api(changed.baseUri());
  }

  @AfterAll
  static void stop() throws Exception {
    changed.close();
  }

  private static String body(String id) {
    return body(id, SERVICE);
  }

  private static String body(String id, String service) {
    return """
        {"releaseId": "%s", "service": "%s", "version": "1.0", "strategy": "waves"}"""
        .formatted(id, service);
  }

  @Test
  void aRunningReleaseKeepsThePolicyItStartedWith() {
    before.post("/api/v1/releases", body("kept-policy"));

    Answer shown = after.get("/api/v1/releases/kept-policy");
    Answer repeated = after.post("/api/v1/releases", body("kept-policy"));
    Answer fresh = after.post("/api/v1/releases", body("new-defaults", SERVICE + "-new"));

    assertThat(shown.body().at("/policy/sequentialGate/alpha").asDouble()).isEqualTo(0.01);
    assertThat(shown.body().at("/policy/sequentialGate/tierTolerances/standard").asDouble())
        .isEqualTo(1.5);
    assertThat(repeated.status()).isEqualTo(409);
    assertThat(repeated.text("message")).contains("another effective policy");
    assertThat(fresh.status()).isEqualTo(202);
    assertThat(fresh.body().at("/policy/sequentialGate/alpha").asDouble()).isEqualTo(0.02);
    assertThat(fresh.body().at("/policy/sequentialGate/tierTolerances/standard").asDouble())
        .isEqualTo(1.3);
    assertThat(shown.body().at("/policy/maxBakeExtensions").asInt()).isEqualTo(2);
    assertThat(fresh.body().at("/policy/maxBakeExtensions").asInt()).isEqualTo(1);
    assertThat(shown.body().at("/policy/trust/planning/minTargetsPerWave").asInt()).isEqualTo(1);
    assertThat(fresh.body().at("/policy/trust/planning/minTargetsPerWave").asInt()).isEqualTo(2);
  }
}
