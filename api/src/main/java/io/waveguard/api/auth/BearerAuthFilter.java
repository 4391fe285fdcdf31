package io.waveguard.api.auth;

import io.dropwizard.auth.AuthFilter;
import io.dropwizard.auth.Authenticator;
import io.dropwizard.auth.Authorizer;
import io.waveguard.api.errors.ApiException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.InternalServerErrorException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requires {@code Authorization: Bearer <token>} and answers 401 with the JSON error body and a
 * {@code WWW-Authenticate: Bearer} challenge when the token is missing, malformed, unknown, expired
 * or revoked. It runs before the body is read, so a refused call does nothing.
 */
@Priority(Priorities.AUTHENTICATION)
final class BearerAuthFilter extends AuthFilter<String, Caller> {

  static final String REALM = "waveguard";

  /** RFC 6750's b64token, with a bound no real token comes near. */
  private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]{1,8192}=*");

  private static final Logger log = LoggerFactory.getLogger(BearerAuthFilter.class);

  BearerAuthFilter(Authenticator<String, Caller> authenticator, Authorizer<Caller> authorizer) {
    this.authenticator = authenticator;
    this.authorizer = authorizer;
    this.prefix = "Bearer";
    this.realm = REALM;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    String where = request.getMethod() + " /" + request.getUriInfo().getPath();
    if (header == null || header.isBlank()) {
      throw unauthorized(null, "this call needs an Authorization: Bearer <token> header");
    }
    Optional<String> token = bearerToken(header);
    if (token.isEmpty()) {
      log.warn("rejected {}: malformed Authorization header", where);
      throw unauthorized(
          "invalid_request", "the Authorization header must be 'Bearer <token>' (one token)");
    }
    String credential = token.get();
    boolean authenticated;
    try {
      authenticated = authenticate(request, credential, "Bearer");
    } catch (InternalServerErrorException e) {
      throw new ApiException(
          503,
          "identity_provider_unavailable",
          null,
          "the identity provider's keys could not be read; try again shortly");
    }
    if (!authenticated) {
      // The authenticators logged why (unknown, expired, revoked; the JWT's fault) with the
      // token's prefix; this line says which call it was.
      log.info("refused {} with {}", where, shown(credential));
      throw unauthorized("invalid_token", "the bearer token is unknown, expired or revoked");
    }
  }

  /** The token of {@code Bearer <token>}, the scheme in any case; empty when malformed. */
  static Optional<String> bearerToken(String header) {
    String[] parts = header.strip().split(" ", -1);
    if (parts.length != 2 || !parts[0].toLowerCase(Locale.ROOT).equals("bearer")) {
      return Optional.empty();
    }
    return B64TOKEN.matcher(parts[1]).matches() ? Optional.of(parts[1]) : Optional.empty();
  }

  /** What a log may show of a credential: an API token's prefix, a JWT's kind. */
  private static String shown(String credential) {
    if (ApiTokens.isApiToken(credential)) {
      return ApiTokens.prefixOf(credential);
    }
    return JwtAuthenticator.looksLikeJwt(credential) ? "(a JWT)" : "(not a Waveguard token)";
  }

  private static WebApplicationException unauthorized(String error, String message) {
    String challenge =
        error == null
            ? "Bearer realm=\"%s\"".formatted(REALM)
            : "Bearer realm=\"%s\", error=\"%s\"".formatted(REALM, error);
    return new WebApplicationException(
        message,
        Response.status(Response.Status.UNAUTHORIZED)
            .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .build());
  }
}
