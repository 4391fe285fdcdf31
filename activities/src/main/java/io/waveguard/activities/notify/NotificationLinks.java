package io.waveguard.activities.notify;

/**
 * The links an event carries.
 *
 * @param release the release in the Waveguard API; null when no API base URL is configured
 * @param workflow the release's workflow in the Temporal Web UI; null when no Web UI is configured
 */
public record NotificationLinks(String release, String workflow) {

  static NotificationLinks of(
      NotificationSettings settings, String releaseId, String namespace, String workflowId) {
    return new NotificationLinks(
        settings
            .apiBaseUrl()
            .map(base -> trimmed(base.toString()) + "/api/v1/releases/" + releaseId)
            .orElse(null),
        settings
            .webUiBaseUrl()
            .map(
                ui ->
                    trimmed(ui.toString())
                        + "/namespaces/"
                        + namespace
                        + "/workflows/"
                        + workflowId)
            .orElse(null));
  }

  private static String trimmed(String base) {
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
