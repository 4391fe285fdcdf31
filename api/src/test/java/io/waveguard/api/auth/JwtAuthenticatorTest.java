package io.waveguard.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.dropwizard.auth.AuthenticationException;
import io.waveguard.api.config.JwtConfiguration;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JWTs checked against a JWKS served over HTTP on loopback, signed with an EC key made here. */
class JwtAuthenticatorTest {

  private ECKey key;
  private HttpServer idp;
  private final AtomicInteger fetches = new AtomicInteger();

  @BeforeEach
  void identityProvider() throws Exception {
    key = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    idp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    idp.createContext(
        "/jwks.json",
        exchange -> {
          fetches.incrementAndGet();
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, jwks.length);
          exchange.getResponseBody().write(jwks);
          exchange.close();
        });
    idp.start();
  }

  @AfterEach
  void stop() {
    idp.stop(0);
  }

  private JwtConfiguration config(String path) {
    JwtConfiguration config = new JwtConfiguration();
    config.setJwksUrl("http://127.0.0.1:" + idp.getAddress().getPort() + path);
    config.setIssuer("https://idp.example");
    config.setAudience("waveguard");
    config.setRoleClaim("groups_role");
    config.setServicesClaim("svc");
    return config;
  }

  private String jwt(String role, Object services) throws Exception {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .subject("dana")
            .issuer("https://idp.example")
            .audience("waveguard")
            .expirationTime(Date.from(Instant.now().plusSeconds(120)))
            .claim("groups_role", role);
    if (services != null) {
      claims.claim("svc", services);
    }
    SignedJWT signed =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
            claims.build());
    signed.sign(new ECDSASigner(key));
    return signed.serialize();
  }

  @Test
  void readsRoleAndServicesFromTheConfiguredClaims() throws Exception {
    JwtAuthenticator jwt = new JwtAuthenticator(config("/jwks.json"));

    Optional<Caller> caller = jwt.authenticate(jwt("operator", "payments,checkout"));

    assertThat(caller).isPresent();
    assertThat(caller.get().name()).isEqualTo("dana");
    assertThat(caller.get().role()).isEqualTo(Role.OPERATOR);
    assertThat(caller.get().services()).isEqualTo(Set.of("payments", "checkout"));
    assertThat(caller.get().source()).isEqualTo("jwt");
    assertThat(jwt.authenticate(jwt("viewer", null)).orElseThrow().services()).isNull();
    assertThat(fetches.get()).as("the JWKS is cached").isEqualTo(1);
  }

  @Test
  void aServicesClaimOfTheWrongTypeIsRefused() throws Exception {
    JwtAuthenticator jwt = new JwtAuthenticator(config("/jwks.json"));

    assertThat(jwt.authenticate(jwt("viewer", 42))).isEmpty();
  }

  @Test
  void anUnreachableJwksIsAnErrorOfTheServerNotOfTheCaller() throws Exception {
    JwtAuthenticator jwt = new JwtAuthenticator(config("/missing.json"));
    String token = jwt("viewer", null);

    assertThatThrownBy(() -> jwt.authenticate(token)).isInstanceOf(AuthenticationException.class);
  }
}
