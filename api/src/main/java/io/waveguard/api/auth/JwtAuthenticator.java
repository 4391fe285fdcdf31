package io.waveguard.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.dropwizard.auth.AuthenticationException;
import io.waveguard.api.config.JwtConfiguration;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OIDC/JWT bearer tokens: signed with an RSA or EC key of the configured JWKS (never {@code none},
 * never an HMAC secret), issued by the configured issuer for the configured audience, not expired,
 * with a subject and a known role.
 */
final class JwtAuthenticator {

  private static final Logger log = LoggerFactory.getLogger(JwtAuthenticator.class);

  private static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512);

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final String roleClaim;
  private final String servicesClaim;

  JwtAuthenticator(JwtConfiguration config) {
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys(config)));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            config.getAudience(),
            new JWTClaimsSet.Builder().issuer(config.getIssuer()).build(),
            Set.of("sub", "exp"));
    claims.setMaxClockSkew((int) config.getClockSkew().toSeconds());
    processor.setJWTClaimsSetVerifier(claims);
    this.roleClaim = config.getRoleClaim();
    this.servicesClaim = config.getServicesClaim();
  }

  /** Whether a credential has a JWT's shape (three dot-separated parts), so it is tried here. */
  static boolean looksLikeJwt(String credential) {
    return credential.chars().filter(c -> c == '.').count() == 2;
  }

  /**
   * The caller a valid JWT names; empty for one that is malformed, badly signed, expired, for
   * another issuer or audience, or without a known role.
   *
   * @throws AuthenticationException when the JWKS cannot be fetched (the caller is not to blame)
   */
  Optional<Caller> authenticate(String jwt) throws AuthenticationException {
    JWTClaimsSet claims;
    try {
      claims = processor.process(jwt, null);
    } catch (ParseException | BadJOSEException e) {
      log.warn("rejected JWT: {}", e.getMessage());
      return Optional.empty();
    } catch (JOSEException e) {
      throw new AuthenticationException("the JWKS could not be read: " + e.getMessage(), e);
    }
    String subject = claims.getSubject();
    Object rawRole = claims.getClaim(roleClaim);
    Optional<Role> role =
        rawRole instanceof String name ? Role.fromWireName(name) : Optional.empty();
    if (role.isEmpty()) {
      log.warn("rejected JWT of {}: claim {} is not a known role: {}", subject, roleClaim, rawRole);
      return Optional.empty();
    }
    Object servicesValue = claims.getClaim(servicesClaim);
    if (servicesValue != null
        && !(servicesValue instanceof String)
        && !(servicesValue instanceof List<?>)) {
      log.warn(
          "rejected JWT of {}: claim {} is neither a string nor a list", subject, servicesClaim);
      return Optional.empty();
    }
    return Optional.of(
        new Caller(
            subject,
            role.get(),
            services(servicesValue),
            claims.getExpirationTime().toInstant(),
            "jwt"));
  }

  /** The names a services claim holds; null (every service) when it is absent. */
  private static Set<String> services(Object claim) {
    if (claim == null) {
      return null;
    }
    Collection<?> names =
        claim instanceof String text ? Arrays.asList(text.split("[,\\s]+")) : (List<?>) claim;
    return names.stream()
        .map(String::valueOf)
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static JWKSource<SecurityContext> keys(JwtConfiguration config) {
    if (config.getJwksFile() != null) {
      try {
        return new ImmutableJWKSet<>(JWKSet.load(new File(config.getJwksFile())));
      } catch (IOException | ParseException e) {
        throw new IllegalArgumentException(
            "auth.jwt.jwksFile: cannot read a JWKS from " + config.getJwksFile(), e);
      }
    }
    try {
      // Keys are cached (Nimbus' default: 5 minutes) and refetched when an unknown kid appears.
      return JWKSourceBuilder.<SecurityContext>create(
              URI.create(config.getJwksUrl()).toURL(),
              new DefaultResourceRetriever(2_000, 2_000, 512 * 1024))
          .retrying(true)
          .build();
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("auth.jwt.jwksUrl: not a URL: " + config.getJwksUrl(), e);
    }
  }
}
