package io.waveguard.api.contract;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The OpenAPI document of the whole HTTP API, generated from the resource classes, their DTOs and
 * their annotations: never written by hand, so it cannot drift from what the server does.
 */
public final class ApiContract {

  private static final String BEARER = "bearer";

  /** The one path anyone may read without a token. */
  public static final String PUBLIC_PATH = "/api/v1/openapi.json";

  private ApiContract() {}

  /** The document as JSON, for these resource classes. */
  public static synchronized String json(List<Class<?>> resources) {
    // Swagger's model converters are one process-wide list; ours joins it once.
    ModelConverters converters = ModelConverters.getInstance();
    if (converters.getConverters().stream().noneMatch(ContractModelResolver.class::isInstance)) {
      converters.addConverter(new ContractModelResolver(Json.mapper()));
    }
    OpenAPI api =
        new Reader(
                new SwaggerConfiguration()
                    .sortOutput(true)
                    .openAPI(
                        new OpenAPI()
                            .info(
                                new Info()
                                    .title("Waveguard")
                                    .version("v1")
                                    .description(
                                        "Trust-weighted progressive delivery on durable Temporal"
                                            + " workflows."))))
            .read(new LinkedHashSet<>(resources));
    api.getComponents().getSchemas().values().forEach(ApiContract::wrapNullableReferences);
    requireBearerTokens(api);
    // Json.pretty logs and answers null when it cannot write; a server without its contract
    // must not start.
    String json = Json.pretty(api);
    if (json == null) {
      throw new IllegalStateException("the OpenAPI document cannot be written; see the log");
    }
    return json;
  }

  /**
   * Every operation needs {@code Authorization: Bearer <token>} but the contract itself, which is
   * public so clients and tools can discover the API before they hold a token.
   */
  private static void requireBearerTokens(OpenAPI api) {
    api.getComponents()
        .addSecuritySchemes(
            BEARER,
            new SecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .description(
                    "an API token (waveguard token create) or, where configured, an OIDC JWT"));
    api.addSecurityItem(new SecurityRequirement().addList(BEARER));
    PathItem contract = api.getPaths().get(PUBLIC_PATH);
    if (contract != null && contract.getGet() != null) {
      contract.getGet().setSecurity(List.of());
    }
  }

  /**
   * OpenAPI 3.0 ignores everything beside a $ref, {@code nullable} too: a reference that may be
   * null is written as {@code allOf: [$ref], nullable: true}.
   */
  private static void wrapNullableReferences(Schema<?> schema) {
    if (schema.getProperties() == null) {
      return;
    }
    schema
        .getProperties()
        .replaceAll(
            (name, property) ->
                property.get$ref() != null && Boolean.TRUE.equals(property.getNullable())
                    ? new ComposedSchema()
                        .addAllOfItem(new Schema<>().$ref(property.get$ref()))
                        .nullable(true)
                    : property);
  }
}
