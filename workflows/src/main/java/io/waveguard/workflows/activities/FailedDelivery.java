package io.waveguard.workflows.activities;

/**
 * A notification given up on after its retries, for the release's audit log.
 *
 * @param webhook the webhook's name, or its URL without the query
 * @param error the last attempt's failure
 */
public record FailedDelivery(String releaseId, String eventId, String webhook, String error) {}
