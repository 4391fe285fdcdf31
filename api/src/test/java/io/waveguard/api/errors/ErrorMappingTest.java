package io.waveguard.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.waveguard.api.core.PolicyResolver;
import io.waveguard.api.dto.CreateReleaseRequest;
import io.waveguard.api.dto.ErrorResponse;
import io.waveguard.api.dto.GateMode;
import io.waveguard.api.dto.WireFormat;
import io.waveguard.policy.model.ReleaseSpec;
import io.waveguard.policy.model.SequentialGatePolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The error mappers and DTO validation, on an in-memory Jersey with a resource that only converts
 * the request: cheap checks of each error shape without PostgreSQL or Temporal.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ErrorMappingTest {

  /** Converts a valid request to the workflow's spec and echoes it. */
  @Path("/echo")
  @Produces(MediaType.APPLICATION_JSON)
  public static final class EchoResource {
    private final PolicyResolver policies =
        new PolicyResolver(GateMode.SEQUENTIAL, SequentialGatePolicy.defaults());

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public ReleaseSpec echo(@NotNull @Valid CreateReleaseRequest request) {
      return request.toSpec("r-1", null, policies.resolve(request.policy()));
    }

    @POST
    @Path("/boom")
    @Consumes(MediaType.APPLICATION_JSON)
    public String boom(String ignored) {
      throw new IllegalStateException("a bug");
    }
  }

  private static final ResourceExtension resources =
      ResourceExtension.builder()
          .setMapper(WireFormat.configure(Jackson.newObjectMapper()))
          .setRegisterDefaultExceptionMappers(false)
          .addResource(new EchoResource())
          .addProvider(new ApiExceptionMapper())
          .addProvider(new JsonErrorMapper())
          .addProvider(new ConstraintViolationMapper())
          .addProvider(new WebApplicationExceptionMapper())
          .addProvider(new UnexpectedExceptionMapper())
          .addProvider(new BodySizeLimitFilter(4096, 4096))
          .build();

  private static Response post(String path, String json) {
    return resources.target(path).request().post(Entity.json(json));
  }

  private static ErrorResponse error(Response response) {
    return response.readEntity(ErrorResponse.class);
  }

  @Test
  void validRequestIsConvertedWithPolicyDefaults() {
    Response response =
        post(
            "/echo",
            """
            {"service": "s", "version": "1", "strategy": "trust-weighted",
             "policy": {"bakeSeconds": 30, "approvalTiers": ["safety-critical"]}}""");

    assertThat(response.getStatus()).isEqualTo(200);
    String body = response.readEntity(String.class);
    assertThat(body)
        .contains("\"strategy\":\"trust-weighted\"")
        .contains("\"bakeSeconds\":30")
        .contains("\"maxBakeExtensions\":2")
        .contains("\"approvalTiers\":[\"safety-critical\"]");
  }

  @Test
  void violationNamesTheJsonPathOfTheField() {
    Response response =
        post(
            "/echo",
            """
            {"service": "s", "version": "1", "strategy": "waves",
             "policy": {"minRequestsPerCohort": -1}}""");

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(error(response))
        .isEqualTo(
            new ErrorResponse(
                "invalid_field",
                "policy.minRequestsPerCohort",
                "policy.minRequestsPerCohort must be greater than or equal to 0"));
  }

  @Test
  void unknownEnumValueListsTheKnownOnes() {
    ErrorResponse error =
        error(
            post(
                "/echo",
                """
                {"service": "s", "version": "1", "strategy": "yolo"}"""));

    assertThat(error.field()).isEqualTo("strategy");
    assertThat(error.message())
        .contains("unknown strategy 'yolo'")
        .contains("all-at-once, canary, waves, trust-weighted");
  }

  @Test
  void unknownGateModeListsTheKnownOnes() {
    ErrorResponse error =
        error(
            post(
                "/echo",
                """
                {"service": "s", "version": "1", "strategy": "waves",
                 "policy": {"gateMode": "ratio"}}"""));

    assertThat(error.field()).isEqualTo("policy.gateMode");
    assertThat(error.message())
        .contains("unknown gate mode 'ratio'")
        .contains("sequential, per-wave");
  }

  @Test
  void maxErrorRateRatioIsARemovedFieldNamingItsReplacement() {
    Response response =
        post(
            "/echo",
            """
            {"service": "s", "version": "1", "strategy": "waves",
             "policy": {"maxErrorRateRatio": 2.0}}""");

    assertThat(response.getStatus()).isEqualTo(400);
    ErrorResponse error = error(response);
    assertThat(error.error()).isEqualTo("removed_field");
    assertThat(error.field()).isEqualTo("policy.maxErrorRateRatio");
    assertThat(error.message()).contains("policy.tierTolerances");
  }

  @Test
  void unknownFieldIsNamedWithTheKnownOnes() {
    ErrorResponse error =
        error(
            post(
                "/echo",
                """
                {"service": "s", "version": "1", "strategy": "waves",
                 "selector": {"regions": ["eu"]}}"""));

    assertThat(error.error()).isEqualTo("unknown_field");
    assertThat(error.field()).isEqualTo("selector.regions");
    assertThat(error.message()).contains("labels, segments, tiers");
  }

  @Test
  void malformedJsonHasNoField() {
    ErrorResponse error = error(post("/echo", "{\"service\": "));

    assertThat(error.error()).isEqualTo("malformed_json");
    assertThat(error.field()).isNull();
  }

  @Test
  void bodyOverTheLimitIs413() {
    Response response =
        post(
            "/echo",
            """
            {"service": "%s", "version": "1", "strategy": "waves"}"""
                .formatted("s".repeat(5000)));

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(error(response).error()).isEqualTo("payload_too_large");
  }

  @Test
  void wrongMediaTypeIs415() {
    Response response =
        resources.target("/echo").request().post(Entity.entity("service=s", MediaType.TEXT_PLAIN));

    assertThat(response.getStatus()).isEqualTo(415);
    assertThat(error(response).error()).isEqualTo("unsupported_media_type");
  }

  @Test
  void aBugIsA500WithoutDetails() {
    Response response = post("/echo/boom", "{}");

    assertThat(response.getStatus()).isEqualTo(500);
    ErrorResponse error = error(response);
    assertThat(error.error()).isEqualTo("internal_error");
    assertThat(error.message()).doesNotContain("a bug");
  }
}
