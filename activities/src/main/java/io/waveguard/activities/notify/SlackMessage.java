package io.waveguard.activities.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waveguard.policy.model.ReleaseStatus;
import io.waveguard.workflows.activities.ReleaseNotification;

/**
 * A Slack incoming-webhook message for one event: Block Kit {@code blocks} (a headline, the reason
 * quoted, a context line with the status and the event id, buttons to the release and its workflow)
 * and a plain {@code text} fallback for notifications and clients without blocks.
 */
final class SlackMessage {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SlackMessage() {}

  static ObjectNode of(ReleaseNotification n, NotificationLinks links) {
    String what = what(n);
    String headline =
        "%s %s: release %s %s".formatted(n.service(), n.version(), n.releaseId(), what);
    ObjectNode message = NODES.objectNode();
    message.put("text", n.reason() == null ? headline : headline + ": " + n.reason());
    ArrayNode blocks = message.putArray("blocks");
    blocks.add(
        mrkdwnSection(
            "%s *%s %s*: release `%s` %s"
                .formatted(
                    emoji(n),
                    escape(n.service()),
                    escape(n.version()),
                    escape(n.releaseId()),
                    escape(what))));
    if (n.reason() != null) {
      blocks.add(mrkdwnSection("> " + escape(n.reason()).replace("\n", "\n> ")));
    }
    ObjectNode context = blocks.addObject().put("type", "context");
    context
        .putArray("elements")
        .addObject()
        .put("type", "mrkdwn")
        .put(
            "text",
            "status *%s* · event `%s` · %s".formatted(n.status(), escape(n.eventId()), n.at()));
    if (links.release() != null || links.workflow() != null) {
      ArrayNode buttons = blocks.addObject().put("type", "actions").putArray("elements");
      if (links.release() != null) {
        button(buttons, "Release", links.release());
      }
      if (links.workflow() != null) {
        button(buttons, "Temporal Web UI", links.workflow());
      }
    }
    return message;
  }

  private static String what(ReleaseNotification n) {
    String ofWaves = "wave %d of %d".formatted(n.wave(), n.waveCount());
    return switch (n.event()) {
      case RELEASE_STARTED -> "started";
      case WAVE_PASSED -> ofWaves + " passed its gate";
      case PAUSED -> "paused at " + ofWaves;
      case APPROVAL_NEEDED ->
          "needs approval of tier %s for %s"
              .formatted(n.tier() == null ? "?" : n.tier().wireName(), ofWaves);
      case ROLLBACK_STARTED -> "is rolling back from " + ofWaves;
      case FINISHED -> finished(n.status());
    };
  }

  private static String finished(ReleaseStatus status) {
    return switch (status) {
      case COMPLETED -> "completed";
      case ROLLED_BACK -> "rolled back";
      case ABORTED -> "was aborted and rolled back";
      case ROLLBACK_INCOMPLETE -> "could not roll back every target: it waits for retry-rollback";
      default -> "failed";
    };
  }

  private static String emoji(ReleaseNotification n) {
    return switch (n.event()) {
      case RELEASE_STARTED -> ":rocket:";
      case WAVE_PASSED -> ":white_check_mark:";
      case PAUSED -> ":double_vertical_bar:";
      case APPROVAL_NEEDED -> ":raised_hand:";
      case ROLLBACK_STARTED -> ":rewind:";
      case FINISHED -> n.status() == ReleaseStatus.COMPLETED ? ":tada:" : ":rotating_light:";
    };
  }

  private static ObjectNode mrkdwnSection(String text) {
    ObjectNode section = NODES.objectNode().put("type", "section");
    section.putObject("text").put("type", "mrkdwn").put("text", text);
    return section;
  }

  private static void button(ArrayNode buttons, String label, String url) {
    ObjectNode button = buttons.addObject().put("type", "button").put("url", url);
    button.putObject("text").put("type", "plain_text").put("text", label);
  }

  /** Slack's mrkdwn reads &amp;, &lt; and &gt; as control characters: escape them. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
