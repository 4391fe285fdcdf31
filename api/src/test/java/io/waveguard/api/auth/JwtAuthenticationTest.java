package io.waveguard.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.api.config.WaveguardConfiguration;
import io.waveguard.api.embedded.WaveguardServer;
import io.waveguard.api.support.Api;
import io.waveguard.api.support.Api.Answer;
import io.waveguard.api.support.TestApp;
import io.waveguard.simulatedfleet.FleetTargets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OIDC/JWT bearer tokens on a server whose JWKS is a file: a key pair made here signs them, and
 * only what it signs for the configured issuer and audience, unexpired, with a known role, passes.
 */
class JwtAuthenticationTest {

  private static final String ISSUER = "https://idp.test.example";
  private static final String AUDIENCE = "waveguard-api";
  private static final String SERVICE = "jwt-svc";

  @TempDir static Path dir;

  private static RSAKey key;
  private static RSAKey stranger;
  private static WaveguardServer server;
  private static Api api;

  @BeforeAll
  static void serverTrustingOneKey() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("test-key").generate();
    stranger = new RSAKeyGenerator(2048).keyID("test-key").generate();
    Path jwks = dir.resolve("jwks.json");
    Files.writeString(jwks, new JWKSet(key.toPublicJWK()).toString());
    WaveguardConfiguration config = TestApp.configuration("waveguard-jwt-test", false);
    config.getAuth().getJwt().setJwksFile(jwks.toString());
    config.getAuth().getJwt().setIssuer(ISSUER);
    config.getAuth().getJwt().setAudience(AUDIENCE);
    server = WaveguardServer.start(config);
    api = new Api(server.baseUri());
    server
        .jdbi()
        .useExtension(
            TargetDao.class, dao -> FleetTargets.generate(SERVICE, 3, 2).forEach(dao::upsert));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static String jwt(RSAKey signer, Consumer<JWTClaimsSet.Builder> adjust)
      throws JOSEException {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .subject("carol@example.com")
            .issuer(ISSUER)
            .audience(List.of(AUDIENCE, "other"))
            .expirationTime(Date.from(Instant.now().plusSeconds(300)))
            .claim("waveguard_role", "releaser");
    adjust.accept(claims);
    SignedJWT signed =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
            claims.build());
    signed.sign(new RSASSASigner(signer));
    return signed.serialize();
  }

  private static String jwt(Consumer<JWTClaimsSet.Builder> adjust) throws JOSEException {
    return jwt(key, adjust);
  }

  private static void assertRefused(String token) {
    Answer answer = api.withToken(token).get("/api/v1/releases");
    assertThat(answer.status()).as(answer.raw()).isEqualTo(401);
    assertThat(answer.text("error")).isEqualTo("unauthorized");
    assertThat(answer.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
  }

  @Test
  void aValidJwtActsAsItsSubjectWithItsRole() throws Exception {
    Api carol = api.withToken(jwt(c -> {}));

    assertThat(carol.get("/api/v1/releases").status()).isEqualTo(200);
    assertThat(carol.put("/api/v1/targets/x", "{}").status()).isEqualTo(403);
    Answer plan =
        carol.post(
            "/api/v1/plans",
            "{\"service\": \"%s\", \"version\": \"1.0.0\", \"strategy\": \"canary\"}"
                .formatted(SERVICE));
    assertThat(plan.status()).as(plan.raw()).isEqualTo(200);
  }

  @Test
  void theServicesClaimScopesTheCaller() throws Exception {
    Api scoped = api.withToken(jwt(c -> c.claim("waveguard_services", List.of("payments"))));
    Api spaced = api.withToken(jwt(c -> c.claim("waveguard_services", "payments " + SERVICE)));
    String plan =
        "{\"service\": \"%s\", \"version\": \"1.0.0\", \"strategy\": \"canary\"}"
            .formatted(SERVICE);

    Answer refused = scoped.post("/api/v1/plans", plan);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.text("message")).contains("carol@example.com");
    assertThat(spaced.post("/api/v1/plans", plan).status()).isEqualTo(200);
  }

  @Test
  void anAdminJwtMayDoWhatAnAdminTokenMay() throws Exception {
    Api admin = api.withToken(jwt(c -> c.claim("waveguard_role", "admin")));

    assertThat(admin.put("/api/v1/targets/jwt-target-1", "{}").status()).isEqualTo(400);
  }

  @Test
  void anExpiredJwtIsRefused() throws Exception {
    assertRefused(jwt(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(3600)))));
  }

  @Test
  void aJwtOfAnotherIssuerOrAudienceIsRefused() throws Exception {
    assertRefused(jwt(c -> c.issuer("https://evil.example")));
    assertRefused(jwt(c -> c.audience("someone-else")));
  }

  @Test
  void aJwtSignedByAnotherKeyIsRefused() throws Exception {
    assertRefused(jwt(stranger, c -> {}));
  }

  @Test
  void anUnsignedJwtIsRefused() throws Exception {
    String unsigned = new PlainJWT(SignedJWT.parse(jwt(c -> {})).getJWTClaimsSet()).serialize();

    assertRefused(unsigned);
  }

  @Test
  void aJwtWithoutAKnownRoleOrSubjectIsRefused() throws Exception {
    assertRefused(jwt(c -> c.claim("waveguard_role", "root")));
    assertRefused(jwt(c -> c.claim("waveguard_role", null)));
    assertRefused(jwt(c -> c.subject(null)));
  }

  @Test
  void aTamperedJwtIsRefused() throws Exception {
    String[] parts = jwt(c -> {}).split("\\.");
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("releaser", "admin");
    String forged =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(payload.getBytes(StandardCharsets.UTF_8));

    assertRefused(parts[0] + "." + forged + "." + parts[2]);
  }

  @Test
  void apiTokensStillWorkBesideJwts() {
    assertThat(api.get("/api/v1/releases").status()).isEqualTo(200);
  }
}
