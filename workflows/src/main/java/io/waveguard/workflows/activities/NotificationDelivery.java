package io.waveguard.workflows.activities;

import io.waveguard.policy.model.NotificationWebhook;

/** One event for one webhook: what a single delivery activity posts. */
public record NotificationDelivery(ReleaseNotification notification, NotificationWebhook webhook) {}
