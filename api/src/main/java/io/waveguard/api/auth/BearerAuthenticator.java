package io.waveguard.api.auth;

import io.dropwizard.auth.AuthenticationException;
import io.dropwizard.auth.Authenticator;
import java.util.Optional;

/** A bearer credential to its caller: an API token from PostgreSQL, else a JWT when configured. */
final class BearerAuthenticator implements Authenticator<String, Caller> {

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
    return Optional.empty();
  }
}
