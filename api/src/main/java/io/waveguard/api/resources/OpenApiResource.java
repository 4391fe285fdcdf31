package io.waveguard.api.resources;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The API's published contract: its OpenAPI 3 document, generated when the server starts. */
@Path("/api/v1/openapi.json")
@Produces(MediaType.APPLICATION_JSON)
public final class OpenApiResource {

  private final String document;

  public OpenApiResource(String document) {
    this.document = document;
  }

  @GET
  @Operation(
      summary = "This document: the OpenAPI 3 contract of the whole API",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "the OpenAPI document",
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(type = "object"))))
  public String document() {
    return document;
  }
}
