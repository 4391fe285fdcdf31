package io.waveguard.api.auth;

import io.dropwizard.auth.AuthenticationException;
import io.dropwizard.auth.Authenticator;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A bearer credential to its caller: an API token from PostgreSQL, else a JWT when configured. */
final class BearerAuthenticator implements Authenticator<String, Caller> {

  private static final Logger log = LoggerFactory.getLogger(BearerAuthenticator.class);

  private final ApiTokens tokens;
  private final JwtAuthenticator jwt;

  /**
   * @param jwt null when JWTs are not accepted
   */
  BearerAuthenticator(ApiTokens tokens, JwtAuthenticator jwt) {
    this.tokens = tokens;
    this.jwt = jwt;
  }

  @Override
  public Optional<Caller> authenticate(String credential) throws AuthenticationException {
    if (ApiTokens.isApiToken(credential)) {
      return tokens.authenticate(credential);
    }
    if (jwt != null && JwtAuthenticator.looksLikeJwt(credential)) {
      return jwt.authenticate(credential);
    }
    log.warn(
        jwt == null && JwtAuthenticator.looksLikeJwt(credential)
            ? "refused a JWT: this server accepts none (auth.jwt has no JWKS)"
            : "refused a bearer credential that is not a Waveguard API token");
    return Optional.empty();
  }
}
