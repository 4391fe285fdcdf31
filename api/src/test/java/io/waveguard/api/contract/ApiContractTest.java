package io.waveguard.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waveguard.api.support.Api.Answer;
import io.waveguard.api.support.TestApp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract the server publishes at GET /api/v1/openapi.json: every operation, its success and
 * error bodies, and the schema details a fuzzer holds the server to.
 */
class ApiContractTest {

  private static JsonNode contract;

  @BeforeAll
  static void fetch() {
    Answer answer = TestApp.get().api().get("/api/v1/openapi.json");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Content-Type")).startsWith("application/json");
    contract = answer.body();
  }

  private static JsonNode schema(String name) {
    return contract.get("components").get("schemas").get(name);
  }

  @Test
  void everyOperationOfTheApiIsPublished() {
    List<String> operations = new ArrayList<>();
    contract
        .get("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(m -> operations.add(m.toUpperCase() + " " + path.getKey())));

    assertThat(contract.get("openapi").asText()).startsWith("3.0");
    assertThat(operations)
        .containsExactlyInAnyOrder(
            "POST /api/v1/releases",
            "GET /api/v1/releases",
            "GET /api/v1/releases/{releaseId}",
            "GET /api/v1/releases/{releaseId}/audit",
            "POST /api/v1/releases/{releaseId}/{action}",
            "POST /api/v1/plans",
            "GET /api/v1/calendar",
            "PUT /api/v1/targets/{id}",
            "GET /api/v1/targets/{id}",
            "GET /api/v1/targets/{id}/trust",
            "GET /api/v1/targets",
            "POST /api/v1/telemetry",
            "GET /api/v1/openapi.json");
  }

  @Test
  void everyOperationNamesItsSuccessBodyAndTheErrorBody() {
    contract
        .get("paths")
        .forEach(
            path ->
                path.forEach(
                    operation -> {
                      JsonNode responses = operation.get("responses");
                      assertThat(responses.fieldNames())
                          .toIterable()
                          .anyMatch(code -> code.startsWith("2"));
                      if (!operation.get("summary").asText().startsWith("This document")) {
                        assertThat(ref(responses.get("default")))
                            .isEqualTo("#/components/schemas/ErrorResponse");
                      }
                    }));
    JsonNode start = contract.get("paths").get("/api/v1/releases").get("post").get("responses");
    assertThat(ref(start.get("202"))).isEqualTo("#/components/schemas/ReleaseView");
    assertThat(start.get("202").get("headers").has("Location")).isTrue();
  }

  @Test
  void requestBodiesAreClosedAndPatternsMatchWholeValues() {
    for (String request :
        List.of(
            "CreateReleaseRequest", "PolicyRequest", "TargetRequest", "TelemetryBatchRequest")) {
      assertThat(schema(request).get("additionalProperties").asBoolean()).as(request).isFalse();
    }
    JsonNode create = schema("CreateReleaseRequest").get("properties");
    assertThat(create.get("releaseId").get("pattern").asText()).startsWith("^").endsWith("$");
    assertThat(create.get("service").get("minLength").asInt()).isEqualTo(1);
    // Removed fields are answered with a 400 naming their replacement; they are not the contract.
    assertThat(schema("PolicyRequest").get("properties").has("maxErrorRateRatio")).isFalse();
  }

  @Test
  void whatMayBeNullSaysSo() {
    JsonNode target = schema("TargetView").get("properties");
    assertThat(target.get("trust").get("nullable").asBoolean()).isTrue();
    assertThat(target.get("trust").get("allOf").get(0).get("$ref").asText())
        .endsWith("/TrustSummary");
    assertThat(target.get("size").has("nullable")).isFalse();
    assertThat(schema("ErrorResponse").get("properties").get("field").get("nullable").asBoolean())
        .isTrue();
    assertThat(schema("ErrorResponse").get("required"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("error", "message");
  }

  private static String ref(JsonNode response) {
    return response.get("content").get("application/json").get("schema").get("$ref").asText();
  }
}
