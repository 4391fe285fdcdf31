package io.waveguard.api.dto;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * One webhook of a release's policy: either a server webhook by {@code name}, to change which
 * events it receives for this release, or (where the server allows it) a webhook of the release's
 * own by {@code url}, signed with a server secret it names. Secrets themselves never travel in a
 * request: they would be kept in the release's workflow history.
 *
 * @param name a webhook of the server's {@code notifications.webhooks}
 * @param url an absolute http(s) URL for a webhook of this release's own
 * @param format {@code json} (the default) or {@code slack}; only with {@code url}
 * @param events the events it receives (release-started, wave-passed, paused, approval-needed,
 *     rollback-started, finished); absent: the server webhook's own selection, or every event but
 *     wave-passed for a URL; empty: none
 * @param secret the name of a secret of the server's {@code notifications.secrets}; only with
 *     {@code url}
 */
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record NotificationRequest(
    @Size(max = 63) String name,
    @Size(max = 2048) String url,
    String format,
    @Size(max = 6) List<String> events,
    @Size(max = 63) String secret) {}
