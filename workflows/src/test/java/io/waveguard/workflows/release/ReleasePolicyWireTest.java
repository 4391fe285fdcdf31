package io.waveguard.workflows.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import io.waveguard.policy.model.NotificationEvent;
import io.waveguard.policy.model.NotificationWebhook;
import io.waveguard.policy.model.ReleasePolicy;
import io.waveguard.policy.model.TargetsHeldPolicy;
import io.waveguard.policy.model.WebhookFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ReleasePolicy travels in every release's workflow input: minEvidenceRequests, added after many
 * releases were recorded, is left out at its default so their input is what it always was, and an
 * input without it reads as the default.
 */
class ReleasePolicyWireTest {

  // The mapper Temporal's default data converter serializes workflow inputs with.
  private final ObjectMapper mapper = JacksonJsonPayloadConverter.newDefaultObjectMapper();

  @Test
  void theDefaultMinEvidenceRequestsIsNotOnTheWire() throws Exception {
    JsonNode json = mapper.valueToTree(ReleasePolicy.sequentialDefaults());

    assertThat(json.has("minEvidenceRequests")).isFalse();
  }

  @Test
  void aSetValueTravelsAndAnOldInputReadsAsTheDefault() throws Exception {
    ReleasePolicy set =
        new ReleasePolicy(
            600, 2, 5.0, 3.0, 1000, List.of(), null, null, TargetsHeldPolicy.REFUSE, 20_000, null);
    String old = mapper.writeValueAsString(ReleasePolicy.defaults());

    assertThat(mapper.readValue(mapper.writeValueAsString(set), ReleasePolicy.class))
        .isEqualTo(set);
    assertThat(mapper.readValue(old, ReleasePolicy.class).minEvidenceRequests()).isZero();
    assertThat(mapper.readValue(old, ReleasePolicy.class).tierEntryMinRequests()).isEqualTo(1000);
  }

  @Test
  void noWebhooksLeaveNotificationsOffTheWireAndWebhooksTravelWithoutSecretsOrDefaults()
      throws Exception {
    ReleasePolicy notifying =
        ReleasePolicy.sequentialDefaults()
            .withNotifications(
                List.of(
                    NotificationWebhook.configured("ops-slack", NotificationEvent.DEFAULTS),
                    new NotificationWebhook(
                        null,
                        "https://hooks.example.com/t",
                        WebhookFormat.JSON,
                        List.of(NotificationEvent.FINISHED),
                        "team",
                        30)));

    JsonNode json = mapper.valueToTree(notifying);

    assertThat(mapper.valueToTree(ReleasePolicy.sequentialDefaults()).has("notifications"))
        .isFalse();
    assertThat(json.at("/notifications/0").toString())
        .isEqualTo(
            "{\"name\":\"ops-slack\",\"events\":[\"release-started\",\"paused\","
                + "\"approval-needed\",\"rollback-started\",\"finished\"]}");
    assertThat(json.at("/notifications/1/secret").asText()).isEqualTo("team");
    assertThat(json.at("/notifications/1/giveUpAfterSeconds").asLong()).isEqualTo(30);
    assertThat(mapper.readValue(mapper.writeValueAsString(notifying), ReleasePolicy.class))
        .isEqualTo(notifying);
  }
}
