package io.waveguard.api.contract;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The OpenAPI document of the whole HTTP API, generated from the resource classes, their DTOs and
 * their annotations: never written by hand, so it cannot drift from what the server does.
 */
public final class ApiContract {

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
    // Json.pretty logs and answers null when it cannot write; a server without its contract
    // must not start.
    String json = Json.pretty(api);
    if (json == null) {
      throw new IllegalStateException("the OpenAPI document cannot be written; see the log");
    }
    return json;
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
