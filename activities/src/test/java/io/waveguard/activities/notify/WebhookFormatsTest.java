package io.waveguard.activities.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waveguard.activities.db.Database;
import io.waveguard.policy.model.NotificationEvent;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.WebhookFormat;
import io.waveguard.workflows.activities.ReleaseNotification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two bodies a webhook can receive, and the signature over them. */
class WebhookFormatsTest {

  private static final NotificationLinks LINKS =
      new NotificationLinks(
          "http://waveguard:8080/api/v1/releases/rel-7",
          "http://temporal:8233/namespaces/default/workflows/release-rel-7");

  private static final ReleaseNotification APPROVAL =
      new ReleaseNotification(
          "rel-7:approval-needed:wave-3:r12",
          NotificationEvent.APPROVAL_NEEDED,
          "rel-7",
          "payments",
          "2.4.0",
          ReleaseStatus.AWAITING_APPROVAL,
          3,
          5,
          Tier.FINANCE_CRITICAL,
          null,
          Instant.parse("2026-12-01T10:15:30Z"));

  private static final ReleaseNotification PAUSED =
      new ReleaseNotification(
          "rel-7:paused:wave-2:r9",
          NotificationEvent.PAUSED,
          "rel-7",
          "payments",
          "2.4.0",
          ReleaseStatus.PAUSED,
          2,
          5,
          null,
          "alice: error rate <5% & rising",
          Instant.parse("2026-12-01T10:10:00Z"));

  private static JsonNode json(ReleaseNotification n, WebhookFormat format, NotificationLinks l)
      throws Exception {
    return Database.JSON.readTree(WebhookPoster.render(n, format, l));
  }

  @Test
  void theGenericEventCarriesEveryFieldOfSchemaVersionOne() throws Exception {
    JsonNode event = json(APPROVAL, WebhookFormat.JSON, LINKS);

    List<String> fields = new ArrayList<>();
    event.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactly(
            "schemaVersion",
            "id",
            "type",
            "releaseId",
            "service",
            "version",
            "status",
            "wave",
            "waveCount",
            "tier",
            "reason",
            "timestamp",
            "links");
    assertThat(event.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(event.get("id").asText()).isEqualTo("rel-7:approval-needed:wave-3:r12");
    assertThat(event.get("type").asText()).isEqualTo("approval-needed");
    assertThat(event.get("status").asText()).isEqualTo("AWAITING_APPROVAL");
    assertThat(event.get("wave").asInt()).isEqualTo(3);
    assertThat(event.get("tier").asText()).isEqualTo("finance-critical");
    assertThat(event.get("reason").isNull()).isTrue();
    assertThat(event.get("timestamp").asText()).isEqualTo("2026-12-01T10:15:30Z");
    assertThat(event.at("/links/release").asText()).isEqualTo(LINKS.release());
    assertThat(event.at("/links/workflow").asText()).isEqualTo(LINKS.workflow());
  }

  @Test
  void linksThatAreNotConfiguredAreNull() throws Exception {
    JsonNode event = json(PAUSED, WebhookFormat.JSON, new NotificationLinks(null, null));

    assertThat(event.at("/links/release").isNull()).isTrue();
    assertThat(event.at("/links/workflow").isNull()).isTrue();
    assertThat(event.get("tier").isNull()).isTrue();
    assertThat(event.get("reason").asText()).isEqualTo("alice: error rate <5% & rising");
  }

  @Test
  void aSlackMessageHasATextFallbackBlocksAndLinkButtons() throws Exception {
    JsonNode slack = json(PAUSED, WebhookFormat.SLACK, LINKS);

    assertThat(slack.get("text").asText())
        .isEqualTo(
            "payments 2.4.0: release rel-7 paused at wave 2 of 5: alice: error rate <5% & rising");
    JsonNode blocks = slack.get("blocks");
    assertThat(blocks).hasSize(4);
    assertThat(blocks.get(0).get("type").asText()).isEqualTo("section");
    assertThat(blocks.get(0).at("/text/type").asText()).isEqualTo("mrkdwn");
    assertThat(blocks.get(0).at("/text/text").asText())
        .contains("*payments 2.4.0*")
        .contains("`rel-7`")
        .contains("paused at wave 2 of 5");
    // Slack reads <, > and & as markup: the reason arrives escaped.
    assertThat(blocks.get(1).at("/text/text").asText())
        .isEqualTo("> alice: error rate &lt;5% &amp; rising");
    assertThat(blocks.get(2).get("type").asText()).isEqualTo("context");
    assertThat(blocks.get(2).at("/elements/0/text").asText())
        .contains("PAUSED")
        .contains("rel-7:paused:wave-2:r9");
    JsonNode buttons = blocks.get(3).get("elements");
    assertThat(blocks.get(3).get("type").asText()).isEqualTo("actions");
    assertThat(buttons).hasSize(2);
    assertThat(buttons.get(0).get("type").asText()).isEqualTo("button");
    assertThat(buttons.get(0).at("/text/type").asText()).isEqualTo("plain_text");
    assertThat(buttons.get(0).get("url").asText()).isEqualTo(LINKS.release());
    assertThat(buttons.get(1).get("url").asText()).isEqualTo(LINKS.workflow());
  }

  @Test
  void aSlackMessageWithoutReasonOrLinksHasOnlyHeadlineAndContext() throws Exception {
    JsonNode slack = json(APPROVAL, WebhookFormat.SLACK, new NotificationLinks(null, null));

    assertThat(slack.get("text").asText())
        .isEqualTo(
            "payments 2.4.0: release rel-7 needs approval of tier finance-critical for wave 3 of 5");
    assertThat(slack.get("blocks")).hasSize(2);
  }

  @Test
  void theSignatureIsHmacSha256OverTimestampDotBody() {
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    String signature = WebhookSignature.sign("s3cret", 1_700_000_000L, body);

    // Computed independently: hmac.new(b"s3cret", b'1700000000.{"a":1}', sha256).hexdigest()
    assertThat(signature)
        .isEqualTo("sha256=1698a50bc74d1ff1db85c4e0a5297c2ad9fdba245d5737cdb789e4cc6e098940");
    assertThat(WebhookSignature.verify("s3cret", 1_700_000_000L, body, signature)).isTrue();
    assertThat(WebhookSignature.verify("s3cret", 1_700_000_001L, body, signature)).isFalse();
    assertThat(WebhookSignature.verify("other", 1_700_000_000L, body, signature)).isFalse();
    assertThat(WebhookSignature.verify("s3cret", 1_700_000_000L, body, null)).isFalse();
  }
}
